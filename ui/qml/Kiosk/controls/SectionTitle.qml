pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A heading with a short accent bar, used above each block of a scene.
Item {
    id: section

    property string text: ""
    property string hint: ""

    // The hint goes under the heading when both do not fit on one line of the width given.
    readonly property bool stacked: width > 0 && hint.text !== ""
        && bar.width + Theme.gapSmall + label.implicitWidth + Theme.gap + hint.implicitWidth > width
    // the height on one line, whatever the width (for a layout that picks the width by it)
    readonly property real lineHeight: label.implicitHeight + 8
    implicitHeight: lineHeight + (stacked ? hint.height + 4 : 0)
    implicitWidth: label.implicitWidth + bar.width + Theme.gapSmall
        + (hint.text !== "" ? Theme.gap + hint.implicitWidth : 0)

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
        id: hint
        x: section.stacked ? label.x : label.x + label.implicitWidth + Theme.gap
        y: section.stacked ? label.y + label.height + 4 : label.y + label.baselineOffset - baselineOffset
        width: section.stacked ? Math.max(0, section.width - label.x) : implicitWidth
        wrapMode: Text.Wrap
        text: section.hint
        color: Theme.textMuted
        size: Theme.fontSmall
    }
}
