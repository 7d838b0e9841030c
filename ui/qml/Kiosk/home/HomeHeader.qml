pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Home's top bar: emblem and title, help, language and elder-mode switches, clock.
Rectangle {
    id: header

    property date now: new Date()

    // Portrait: the buttons go on a second row under the title.
    readonly property bool twoRows: Theme.portrait

    implicitHeight: twoRows ? Theme.headerHeight + Theme.touch + Theme.gap : Theme.headerHeight
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

    // The title gives way (smaller, never under the buttons) when large text leaves it less room.
    Column {
        anchors.left: emblem.right
        anchors.leftMargin: Theme.gap
        anchors.right: header.twoRows ? clockColumn.left : buttonRow.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: emblem.verticalCenter
        spacing: 4
        KText {
            width: parent.width
            objectName: "brandTitle"
            // brand.portal_name (kiosk/brand.py): 广州政务服务自助终端 by default
            text: Brand.kioskTitle
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.fontSmall
        }
        KText {
            width: parent.width
            text: qsTr("自助办 · 查指南 · 扫码手机办")
            color: Theme.textOnPrimary
            opacity: 0.85
            size: Theme.fontSmall
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.fontTiny
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
            text: Qt.formatTime(header.now, "HH:mm")
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
        }
        KText {
            id: date
            objectName: "date"
            anchors.right: parent.right
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
        id: buttonRow
        anchors.right: header.twoRows ? parent.right : clockColumn.left
        anchors.rightMargin: header.twoRows ? Theme.margin : Theme.gap * 1.5
        y: header.twoRows ? Theme.headerHeight : (Theme.headerHeight - height) / 2
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
