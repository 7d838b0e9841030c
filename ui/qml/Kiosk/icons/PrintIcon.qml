pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A printer drawn with rectangles: no font has a printer symbol (U+2399 is in none we ship).
Item {
    id: icon

    property color color: Theme.textOnPrimary
    // The colour behind the icon, for the sheet coming out of the printer.
    property color paper: Theme.primary
    property int size: 40
    readonly property int stroke: Math.max(2, Math.round(size * 0.08))

    implicitWidth: size
    implicitHeight: size

    Rectangle {  // the sheet going in
        x: Math.round(icon.size * 0.22)
        y: 0
        width: Math.round(icon.size * 0.56)
        height: Math.round(icon.size * 0.36)
        color: "transparent"
        border.width: icon.stroke
        border.color: icon.color
    }
    Rectangle {  // the body
        y: Math.round(icon.size * 0.28)
        width: icon.size
        height: Math.round(icon.size * 0.44)
        radius: Math.round(icon.size * 0.08)
        color: icon.color
    }
    Rectangle {  // the sheet coming out
        x: Math.round(icon.size * 0.22)
        y: Math.round(icon.size * 0.56)
        width: Math.round(icon.size * 0.56)
        height: Math.round(icon.size * 0.44)
        color: icon.paper
        border.width: icon.stroke
        border.color: icon.color
    }
}
