pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The big search field on home: tapping it opens the search scene.
Rectangle {
    id: entry

    signal activated()

    implicitHeight: Math.max(Theme.touch + 32, hint.implicitHeight + 2 * Theme.gap)
    radius: height / 2
    color: tap.pressed ? Theme.pressed : Theme.surface
    border.width: 3
    border.color: Theme.primary
    Accessible.role: Accessible.Button
    Accessible.name: hint.text

    SearchIcon {
        id: icon
        anchors.left: parent.left
        anchors.leftMargin: Theme.gap * 1.5
        anchors.verticalCenter: parent.verticalCenter
        size: Theme.fontHeading
    }
    KText {
        id: hint
        anchors.left: icon.right
        anchors.leftMargin: Theme.gap
        anchors.right: go.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        text: qsTr("搜索事项，可输入拼音首字母，如 sbcx")
        color: Theme.textMuted
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    Rectangle {
        id: go
        anchors.right: parent.right
        anchors.rightMargin: 12
        anchors.verticalCenter: parent.verticalCenter
        height: parent.height - 24
        width: goLabel.implicitWidth + 3 * Theme.gap
        radius: height / 2
        color: Theme.primary
        KText {
            id: goLabel
            anchors.centerIn: parent
            text: qsTr("搜索")
            color: Theme.textOnPrimary
            font.bold: true
        }
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.WithinBounds
        onTapped: entry.activated()
    }
}
