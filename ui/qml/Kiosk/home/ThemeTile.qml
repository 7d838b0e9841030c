pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A theme tile on home: a coloured badge with the theme's first character, its name and count.
Rectangle {
    id: tile

    required property int index
    required property string label
    required property int count
    signal activated(string label)

    objectName: "themeTile_" + label
    radius: Theme.radius
    color: tap.pressed ? Theme.pressed : Theme.surface
    border.width: Theme.borderWidth / 2
    border.color: Theme.border
    Accessible.role: Accessible.Button
    Accessible.name: tile.label

    Column {
        anchors.centerIn: parent
        width: parent.width - 12
        spacing: Math.round(tile.height * 0.02)

        Rectangle {
            width: Math.round(Math.min(tile.height * 0.36, tile.width * 0.5))
            height: width
            radius: width * 0.28
            color: Theme.tileColor(tile.index)
            anchors.horizontalCenter: parent.horizontalCenter
            KText {
                anchors.centerIn: parent
                text: tile.label.charAt(0)
                color: Theme.textOnPrimary
                size: Math.round(parent.height * 0.5)
                font.bold: true
            }
        }
        KText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: tile.label
            font.bold: true
            // Never fitted back down to the normal size: a long name takes a second line.
            wrapMode: Text.Wrap
            maximumLineCount: 2
        }
        KText {
            visible: Theme.scale < 1.1  // elder mode or larger text: room for the larger name instead
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("%1 项").arg(tile.count)
            color: Theme.textMuted
            size: Theme.fontTiny
        }
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.WithinBounds
        onTapped: tile.activated(tile.label)
    }
}
