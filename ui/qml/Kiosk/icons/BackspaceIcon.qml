pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The backspace key's arrow with a cross, drawn with rectangles (see PrintIcon.qml).
Item {
    id: icon

    property color color: Theme.primary
    // The colour behind the icon, for the cross.
    property color paper: Theme.surface
    property int size: 40
    readonly property int stroke: Math.max(2, Math.round(size * 0.09))

    implicitWidth: size
    implicitHeight: size

    Rectangle {  // the point
        width: Math.round(icon.size * 0.6 / Math.SQRT2)
        height: width
        x: Math.round(icon.size * 0.3) - width / 2
        y: (icon.size - height) / 2
        rotation: 45
        antialiasing: true
        color: icon.color
    }
    Rectangle {  // the body
        x: Math.round(icon.size * 0.3)
        y: Math.round(icon.size * 0.2)
        width: Math.round(icon.size * 0.68)
        height: Math.round(icon.size * 0.6)
        radius: Math.round(icon.size * 0.06)
        color: icon.color
    }
    Rectangle {
        x: Math.round(icon.size * 0.64) - width / 2
        y: icon.size / 2 - height / 2
        width: Math.round(icon.size * 0.34)
        height: icon.stroke
        radius: height / 2
        rotation: 45
        antialiasing: true
        color: icon.paper
    }
    Rectangle {
        x: Math.round(icon.size * 0.64) - width / 2
        y: icon.size / 2 - height / 2
        width: Math.round(icon.size * 0.34)
        height: icon.stroke
        radius: height / 2
        rotation: -45
        antialiasing: true
        color: icon.paper
    }
}
