pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A magnifying glass drawn with rectangles (no icon font needed).
Item {
    id: icon

    property color color: Theme.primary
    property int size: 40

    implicitWidth: size
    implicitHeight: size

    Rectangle {
        width: icon.size * 0.7
        height: width
        radius: width / 2
        color: "transparent"
        border.width: Math.max(3, icon.size * 0.11)
        border.color: icon.color
    }
    Rectangle {
        x: icon.size * 0.56
        y: icon.size * 0.68
        width: icon.size * 0.42
        height: Math.max(4, icon.size * 0.13)
        radius: height / 2
        color: icon.color
        rotation: 45
        transformOrigin: Item.Left
    }
}
