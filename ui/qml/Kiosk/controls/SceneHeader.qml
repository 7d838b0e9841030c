pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The bar on top of every inner scene: back, title, home.
Rectangle {
    id: header

    property string title: ""
    property string subtitle: ""
    property bool showBack: true

    // Taller when the title or subtitle needs a second line (a narrow portrait screen, English).
    implicitHeight: Math.max(Theme.headerHeight, titles.implicitHeight + 2 * Theme.gapSmall)
    color: Theme.primary

    KButton {
        id: back
        objectName: "backButton"
        visible: header.showBack
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        kind: "secondary"
        glyph: "‹"
        text: qsTr("返回")
        onClicked: Resident.goBack()
    }

    Column {
        id: titles
        anchors.left: back.visible ? back.right : parent.left
        anchors.leftMargin: back.visible ? Theme.gap * 1.5 : Theme.margin
        anchors.right: home.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        spacing: 2
        KText {
            width: parent.width
            text: header.title
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
        KText {
            width: parent.width
            visible: text !== ""
            text: header.subtitle
            color: Theme.textOnPrimary
            opacity: 0.85
            size: Theme.fontSmall
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }

    KButton {
        id: home
        objectName: "homeButton"
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        kind: "secondary"
        icon: HomeIcon {}
        text: qsTr("首页")
        onClicked: Resident.goHome()
    }
}
