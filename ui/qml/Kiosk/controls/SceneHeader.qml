pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The bar on top of every inner scene: back, title, help, home.
Rectangle {
    id: header

    property string title: ""
    property string subtitle: ""
    property bool showBack: true

    implicitHeight: Theme.headerHeight
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
        anchors.left: back.visible ? back.right : parent.left
        anchors.leftMargin: back.visible ? Theme.gap * 1.5 : Theme.margin
        anchors.right: help.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        spacing: 2
        KText {
            width: parent.width
            text: header.title
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
        }
        KText {
            width: parent.width
            visible: text !== ""
            text: header.subtitle
            color: Theme.textOnPrimary
            opacity: 0.85
            size: Theme.fontSmall
            elide: Text.ElideRight
        }
    }

    HelpButton {
        id: help
        anchors.right: home.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
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
