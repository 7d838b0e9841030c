pragma ComponentBehavior: Bound
import QtQuick

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
    Text {
        id: label
        anchors.left: bar.right
        anchors.leftMargin: Theme.gapSmall
        text: section.text
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontHeading
        font.bold: true
    }
    Text {
        anchors.left: label.right
        anchors.leftMargin: Theme.gap
        anchors.baseline: label.baseline
        text: section.hint
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
    }
}
