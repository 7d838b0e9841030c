pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Home's top bar: emblem and title, help, language and elder-mode switches, clock.
Rectangle {
    id: header

    property date now: new Date()

    // The first row: emblem and title (taller when the title takes two lines).
    readonly property real topRow: Math.max(Theme.headerHeight, titles.implicitHeight + Theme.gapSmall)
    // The buttons (help, languages, elder mode) side by side, and whether they fit beside the
    // title and clock (landscape) or beside the clock (portrait). When not, they take a row of
    // their own under them, wrapping onto a second line if even that row is too narrow.
    readonly property real controlsWidth: helpButton.implicitWidth + languageSwitch.implicitWidth
        + elderToggle.implicitWidth + 2 * Theme.gap
    readonly property real besideRoom: Theme.portrait
        ? width - 2 * Theme.margin - clockColumn.width - Theme.gap * 1.5
        : width - 2 * Theme.margin - emblem.width - Theme.gap - minTitle - 3 * Theme.gap - clockColumn.width
    // the title's least width beside the buttons in landscape (about ten characters of it)
    readonly property real minTitle: 10 * Theme.fontTitle
    readonly property bool ownRow: controlsWidth > besideRoom
    // Portrait's second row: the clock, with the buttons beside it when they fit.
    readonly property real clockRow: Theme.portrait && !ownRow ? Math.max(Theme.touch, clockColumn.height)
                                                               : clockColumn.height
    readonly property real controlsY: Theme.portrait ? topRow + (ownRow ? clockRow + Theme.gapSmall : 0)
                                                     : (ownRow ? topRow : (topRow - controls.height) / 2)
    implicitHeight: Theme.portrait ? topRow + clockRow + Theme.gap + (ownRow ? controls.height + Theme.gapSmall : 0)
                                   : topRow + (ownRow ? controls.height + Theme.gap : 0)
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
        anchors.right: Theme.portrait ? parent.right : header.ownRow ? clockColumn.left : controls.left
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
        y: Theme.portrait ? header.topRow + (header.clockRow - height) / 2 : (header.topRow - height) / 2
        KText {
            id: clock
            objectName: "clock"
            // left-aligned in portrait (the row's start), right-aligned in landscape
            x: Theme.portrait ? 0 : clockColumn.width - width
            text: Qt.formatTime(header.now, "HH:mm")
            color: Theme.textOnPrimary
            size: Theme.fontTitle
            font.bold: true
        }
        KText {
            id: date
            objectName: "date"
            // left-aligned in portrait (the row's start), right-aligned in landscape
            x: Theme.portrait ? 0 : clockColumn.width - width
            // The format is translated too (English "dddd, d MMMM yyyy"); day and month names
            // come from QLocale in the resident's language, so the binding follows a switch.
            text: header.now.toLocaleDateString(Qt.locale(Resident.localeName), qsTr("yyyy年M月d日 dddd"))
            color: Theme.textOnPrimary
            opacity: 0.85
            size: Theme.fontTiny
        }
    }

    // Landscape: beside the clock. Portrait: beside the clock on a second row, so the title
    // keeps its room. Either way a row of their own when they do not fit (see ownRow).
    Flow {
        id: controls
        width: Math.min(header.controlsWidth + 1, header.width - 2 * Theme.margin)
        x: header.ownRow || Theme.portrait ? header.width - width - Theme.margin
                                           : clockColumn.x - width - Theme.gap * 1.5
        y: header.controlsY
        spacing: Theme.gap

        HelpButton {
            id: helpButton
        }
        LanguageSwitch {
            id: languageSwitch
        }
        KButton {
            id: elderToggle
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
