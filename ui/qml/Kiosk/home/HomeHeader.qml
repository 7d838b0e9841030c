pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Home's top bar: emblem and title, help, language and elder-mode switches, clock.
Rectangle {
    id: header

    property date now: new Date()

    // The first row: emblem and title (taller when the title takes two lines).
    readonly property real topRow: Math.max(Theme.headerHeight, titles.implicitHeight + Theme.gapSmall)
    implicitHeight: Theme.portrait ? topRow + Theme.touch + Theme.gap : topRow
    color: Theme.primary

    Rectangle {
        id: emblem
        width: Theme.headerHeight - 40
        height: width
        radius: width / 2
        color: Theme.highContrast ? Theme.primary : Theme.accent
        border.width: 4
        border.color: Theme.textOnPrimary
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        y: (header.topRow - height) / 2
        KText {
            objectName: "brandLogo"
            anchors.centerIn: parent
            text: Brand.logoChar
            color: Theme.textOnPrimary
            size: parent.height * 0.52
            font.bold: true
        }
    }

    // Landscape: title, then the buttons and the clock. Portrait: the title has the first row
    // to itself; the clock and the buttons share the second.
    Column {
        id: titles
        anchors.left: emblem.right
        anchors.leftMargin: Theme.gap
        anchors.right: Theme.portrait ? parent.right : controls.left
        anchors.rightMargin: Theme.portrait ? Theme.margin : Theme.gap
        anchors.verticalCenter: emblem.verticalCenter
        spacing: 4
        KText {
            width: parent.width
            objectName: "brandTitle"
            // brand.portal_name (kiosk/brand.py): 广州政务服务自助终端 by default
            text: Brand.kioskTitle
            color: Theme.textOnPrimary
            // a step smaller on a portrait screen's narrower row, so a longer title keeps one line
            size: Theme.portrait ? Theme.fontHeading : Theme.fontTitle
            font.bold: true
            wrapMode: Text.Wrap
        }
        KText {
            width: parent.width
            text: qsTr("自助办 · 查指南 · 扫码手机办")
            color: Theme.textOnPrimary
            opacity: 0.85
            size: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }

    Column {
        id: clockColumn
        x: Theme.portrait ? Theme.margin : parent.width - width - Theme.margin
        y: Theme.portrait ? header.topRow + (Theme.touch - height) / 2 : (header.topRow - height) / 2
        KText {
            id: clock
            objectName: "clock"
            anchors.right: Theme.portrait ? undefined : parent.right
            text: Qt.formatTime(header.now, "HH:mm")
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
        }
        KText {
            id: date
            objectName: "date"
            anchors.right: Theme.portrait ? undefined : parent.right
            // The format is translated too (English "dddd, d MMMM yyyy"); day and month names
            // come from QLocale in the resident's language, so the binding follows a switch.
            text: header.now.toLocaleDateString(Qt.locale(Resident.localeName), qsTr("yyyy年M月d日 dddd"))
            color: Theme.textOnPrimary
            opacity: 0.85
            size: Theme.fontTiny
        }
    }

    // Landscape: beside the clock. Portrait: a second row, so the title keeps its room.
    Row {
        id: controls
        anchors.right: Theme.portrait ? parent.right : clockColumn.left
        anchors.rightMargin: Theme.portrait ? Theme.margin : Theme.gap * 1.5
        y: Theme.portrait ? header.topRow : (header.topRow - height) / 2
        spacing: Theme.gap

        HelpButton {}
        LanguageSwitch {}
        KButton {
            objectName: "elderToggle"
            kind: "secondary"
            glyph: Resident.elderMode ? "✓" : qsTr("大")
            text: qsTr("长辈模式")
            onClicked: Resident.toggleElder()
        }
    }

    Timer {
        interval: 1000
        running: true
        repeat: true
        triggeredOnStart: true
        onTriggered: header.now = new Date()
    }
}
