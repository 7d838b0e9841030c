pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A cross drawn with rectangles, for 清空 (see PrintIcon.qml).
Item {
    id: icon

    property color color: Theme.primary
    property color paper: "transparent"  // unused: the cross has no cut-out
    property int size: 40
    readonly property int stroke: Math.max(2, Math.round(size * 0.12))

    implicitWidth: size
    implicitHeight: size

    Rectangle {
        anchors.centerIn: parent
        width: Math.round(icon.size * 0.8)
        height: icon.stroke
        radius: height / 2
        rotation: 45
        antialiasing: true
        color: icon.color
    }
    Rectangle {
        anchors.centerIn: parent
        width: Math.round(icon.size * 0.8)
        height: icon.stroke
        radius: height / 2
        rotation: -45
        antialiasing: true
        color: icon.color
    }
}
