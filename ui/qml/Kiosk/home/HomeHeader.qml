pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Home's top bar: emblem and title, elder-mode switch, clock.
Rectangle {
    id: header


    implicitHeight: Theme.portrait ? Theme.headerHeight + Theme.touch + Theme.gap : Theme.headerHeight
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
        y: (Theme.headerHeight - height) / 2
        KText {
            objectName: "brandLogo"
            anchors.centerIn: parent
            text: Brand.logoChar
            color: Theme.textOnPrimary
            size: parent.height * 0.52
            font.bold: true
        }
    }

    Column {
        anchors.left: emblem.right
        anchors.leftMargin: Theme.gap
        anchors.verticalCenter: emblem.verticalCenter
        spacing: 4
        KText {
            objectName: "brandTitle"
            // brand.portal_name (kiosk/brand.py): 广州政务服务自助终端 by default
            text: Brand.kioskTitle
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
        }
        KText {
            text: qsTr("自助办 · 查指南 · 扫码手机办")
            color: Theme.textOnPrimary
            opacity: 0.85
            size: Theme.fontSmall
        }
    }

    Column {
        id: clockColumn
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        y: (Theme.headerHeight - height) / 2
        KText {
            id: clock
            objectName: "clock"
            anchors.right: parent.right
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
        }
        KText {
            id: date
            anchors.right: parent.right
            color: Theme.textOnPrimary
            opacity: 0.85
            size: Theme.fontTiny
        }
    }

    // Landscape: beside the clock. Portrait: a second row, so the title keeps its room.
    Row {
        anchors.right: Theme.portrait ? parent.right : clockColumn.left
        anchors.rightMargin: Theme.portrait ? Theme.margin : Theme.gap * 1.5
        y: Theme.portrait ? Theme.headerHeight : (Theme.headerHeight - height) / 2
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
