pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A house drawn with rectangles, for the 首页 button (no font needed: see PrintIcon.qml).
Item {
    id: icon

    property color color: Theme.primary
    // The colour behind the icon, for the door.
    property color paper: Theme.surface
    property int size: 40

    implicitWidth: size
    implicitHeight: size

    Item {  // the roof: the upper half of a square turned 45°
        width: icon.size
        height: Math.round(icon.size * 0.46)
        clip: true
        Rectangle {
            width: Math.round(icon.size * 0.64)
            height: width
            x: (icon.size - width) / 2
            y: Math.round(icon.size * 0.46) - height / 2
            rotation: 45
            antialiasing: true
            color: icon.color
        }
    }
    Rectangle {  // the walls
        x: Math.round(icon.size * 0.18)
        y: Math.round(icon.size * 0.44)
        width: Math.round(icon.size * 0.64)
        height: Math.round(icon.size * 0.5)
        color: icon.color
    }
    Rectangle {  // the door
        x: Math.round(icon.size * 0.41)
        y: Math.round(icon.size * 0.64)
        width: Math.round(icon.size * 0.18)
        height: Math.round(icon.size * 0.3)
        color: icon.paper
    }
}
