pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The bar on top of every inner scene: back, title, help, language, home. In portrait help and
// the language switch take a second row (as on home), so the title keeps its room.
Rectangle {
    id: header

    property string title: ""
    property string subtitle: ""
    property bool showBack: true

    // The first row: taller when the title or subtitle needs a second line (a narrow portrait
    // screen, English).
    readonly property real topRow: Math.max(Theme.headerHeight, titles.implicitHeight + 2 * Theme.gapSmall)
    implicitHeight: Theme.portrait ? topRow + Theme.touch + Theme.gap : topRow
    color: Theme.primary

    KButton {
        id: back
        objectName: "backButton"
        visible: header.showBack
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        y: (header.topRow - height) / 2
        kind: "secondary"
        glyph: "‹"
        text: qsTr("返回")
        onClicked: Resident.goBack()
    }

    Column {
        id: titles
        anchors.left: back.visible ? back.right : parent.left
        anchors.leftMargin: back.visible ? Theme.gap * 1.5 : Theme.margin
        anchors.right: Theme.portrait ? home.left : help.left
        anchors.rightMargin: Theme.gap
        y: (header.topRow - height) / 2
        spacing: 2
        KText {
            width: parent.width
            text: header.title
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
            wrapMode: Text.Wrap
            // A long department's name in large type on a narrow screen takes a third line.
            maximumLineCount: Theme.portrait ? 3 : 2
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

    HelpButton {
        id: help
        anchors.right: languages.left
        anchors.rightMargin: Theme.gap
        y: Theme.portrait ? header.topRow + (languages.height - height) / 2 : (header.topRow - height) / 2
    }

    LanguageSwitch {
        id: languages
        anchors.right: Theme.portrait ? parent.right : home.left
        anchors.rightMargin: Theme.portrait ? Theme.margin : Theme.gap
        y: Theme.portrait ? header.topRow : (header.topRow - height) / 2
    }

    KButton {
        id: home
        objectName: "homeButton"
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        y: (header.topRow - height) / 2
        kind: "secondary"
        icon: HomeIcon {}
        text: qsTr("首页")
        onClicked: Resident.goHome()
    }
}
