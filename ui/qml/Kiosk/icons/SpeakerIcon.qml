pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A loudspeaker with two sound waves, for 朗读 (no font needed: see PrintIcon.qml).
Item {
    id: icon

    property color color: Theme.primary
    // The colour behind the icon (the waves' gaps).
    property color paper: Theme.surface
    property int size: 40

    implicitWidth: size
    implicitHeight: size

    Rectangle {  // the magnet
        x: Math.round(icon.size * 0.08)
        y: Math.round(icon.size * 0.36)
        width: Math.round(icon.size * 0.16)
        height: Math.round(icon.size * 0.28)
        color: icon.color
    }
    Item {  // the cone: the right half of a square turned 45°
        x: Math.round(icon.size * 0.24)
        y: Math.round(icon.size * 0.16)
        width: Math.round(icon.size * 0.28)
        height: Math.round(icon.size * 0.68)
        clip: true
        Rectangle {
            width: Math.round(icon.size * 0.48)
            height: width
            x: -width / 2
            y: (parent.height - height) / 2
            rotation: 45
            antialiasing: true
            color: icon.color
        }
    }
    Repeater {  // the waves: arcs drawn as the right halves of rings
        model: 2
        delegate: Item {
            id: wave
            required property int index
            readonly property real r: icon.size * (0.2 + 0.16 * index)
            x: Math.round(icon.size * 0.56)
            y: Math.round(icon.size / 2 - r)
            width: r
            height: 2 * r
            clip: true
            Rectangle {
                x: -wave.r
                width: 2 * wave.r
                height: 2 * wave.r
                radius: wave.r
                color: "transparent"
                border.width: Math.max(2, Math.round(icon.size * 0.08))
                border.color: icon.color
                antialiasing: true
            }
        }
    }
}
