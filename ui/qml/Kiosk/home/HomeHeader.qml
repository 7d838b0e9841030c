pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Home's top bar: emblem and title, elder-mode switch, clock.
Rectangle {
    id: header


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
            anchors.centerIn: parent
            text: qsTr("穗")
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
            text: qsTr("政务服务自助终端")
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
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
        }
        KText {
            id: date
            anchors.right: Theme.portrait ? undefined : parent.right
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

        KButton {
            objectName: "languageToggle"
            kind: "secondary"
            // Each label in its own language, so either reader can find it.
            text: Resident.language === "en" ? "中文" : "English"
            onClicked: Resident.toggleLanguage()
        }
        KButton {
            objectName: "elderToggle"
            kind: "secondary"
            glyph: Resident.elderMode ? "✓" : "大"
            text: qsTr("长辈模式")
            onClicked: Resident.toggleElder()
        }
    }

    Timer {
        interval: 1000
        running: true
        repeat: true
        triggeredOnStart: true
        onTriggered: {
            const now = new Date();
            clock.text = Qt.formatTime(now, "HH:mm");
            date.text = now.toLocaleDateString(Qt.locale("zh_CN"), "yyyy年M月d日 dddd");
        }
    }
}
