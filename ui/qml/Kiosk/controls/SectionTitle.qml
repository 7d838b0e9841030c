pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A heading with a short accent bar, used above each block of a scene.
Item {
    id: section

    property string text: ""
    property string hint: ""

    implicitHeight: label.implicitHeight + 8
    implicitWidth: label.implicitWidth + bar.width + Theme.gapSmall

    Rectangle {
        id: bar
        width: 8
        height: label.font.pixelSize
        radius: 4
        color: Theme.accent
        anchors.verticalCenter: label.verticalCenter
    }
    KText {
        id: label
        anchors.left: bar.right
        anchors.leftMargin: Theme.gapSmall
        text: section.text
        size: Theme.fontHeading
        font.bold: true
    }
    KText {
        anchors.left: label.right
        anchors.leftMargin: Theme.gap
        anchors.baseline: label.baseline
        text: section.hint
        color: Theme.textMuted
        size: Theme.fontSmall
    }
}
