pragma ComponentBehavior: Bound
import QtQuick

// The bar on top of every inner scene: back, title, home.
Rectangle {
    id: header

    property string title: ""
    property string subtitle: ""
    property var controller
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
        onClicked: header.controller.goBack()
    }

    Column {
        anchors.left: back.visible ? back.right : parent.left
        anchors.leftMargin: back.visible ? Theme.gap * 1.5 : Theme.margin
        anchors.right: home.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        spacing: 2
        Text {
            width: parent.width
            text: header.title
            color: Theme.textOnPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: header.subtitle
            color: Theme.textOnPrimary
            opacity: 0.85
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
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
        onClicked: header.controller.goHome()
    }
}
