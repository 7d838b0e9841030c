// The kiosk's own Qt Virtual Keyboard style ("kiosk"), written after Qt's built-in "default"
// style: sizes and colours come from the kiosk Theme, so elder mode and high contrast change the
// keyboard too. Labels are words or drawn icons (no white-only SVGs): every label is at least
// 7:1 against its key (tests/ui/test_keyboard.py computes it from the colours below).
// The candidate bar is always as tall as a touch target; KeyboardPanel keeps it shown, so the
// keys never move when the first letter brings candidates.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Styles
import QtQuick.VirtualKeyboard.Components
import Kiosk

KeyboardStyle {
    id: kioskStyle

    // Read by the tests and by KeyboardPanel (which reserves the height).
    readonly property string styleId: "kiosk"
    readonly property int labelPixelSize: Theme.fontHeading
    readonly property int smallLabelPixelSize: Theme.fontSmall
    readonly property int candidatePixelSize: Theme.fontHeading
    readonly property int keyGap: Theme.elder ? 5 : 4

    readonly property color keyboardBackgroundColor: Theme.highContrast ? "#000000" : Theme.border
    readonly property color keyColor: Theme.surface
    readonly property color keyTextColor: Theme.text
    readonly property color keyBorderColor: Theme.highContrast ? "#FFFFFF" : "#B7C4D6"
    readonly property color keyPressedColor: Theme.pressed
    readonly property color keyPressedTextColor: Theme.text
    readonly property color functionKeyColor: Theme.highContrast ? "#1A1A1A" : Theme.primarySoft
    readonly property color functionKeyTextColor: Theme.highContrast ? "#FFFF66" : Theme.primaryDark
    readonly property color enterKeyColor: Theme.primary
    readonly property color enterKeyTextColor: Theme.textOnPrimary
    readonly property color candidateBackgroundColor: Theme.surface
    readonly property color candidateTextColor: Theme.text
    readonly property color candidateCurrentColor: Theme.primary
    readonly property color candidateCurrentTextColor: Theme.textOnPrimary
    readonly property color popupColor: Theme.highContrast ? "#000000" : Theme.primaryDark
    readonly property color popupTextColor: Theme.highContrast ? "#FFFFFF" : "#FFFFFF"
    readonly property color popupHighlightColor: Theme.highContrast ? "#333300" : Theme.primary

    // Taller keys in elder mode (the width is the panel's); the same for every language.
    keyboardDesignWidth: 2560
    keyboardDesignHeight: Theme.elder ? 1150 : 1000
    keyboardRelativeLeftMargin: 8 / keyboardDesignWidth
    keyboardRelativeRightMargin: 8 / keyboardDesignWidth
    keyboardRelativeTopMargin: 8 / keyboardDesignHeight
    keyboardRelativeBottomMargin: 8 / keyboardDesignHeight

    keyboardBackground: Rectangle {
        color: kioskStyle.keyboardBackgroundColor
    }

    // One key face: a rounded rectangle and a centred label (or an icon loaded into it).
    component KeyFace: Rectangle {
        id: face
        property BaseKey control: null
        property string role: "normal"  // "normal", "function" or "enter"
        property string label: ""
        property alias iconComponent: iconLoader.sourceComponent
        property int labelSize: role === "normal" ? kioskStyle.labelPixelSize : kioskStyle.smallLabelPixelSize
        readonly property bool down: control !== null && control.pressed
        readonly property color ink: {
            if (face.down)
                return kioskStyle.keyPressedTextColor;
            if (face.role === "enter")
                return kioskStyle.enterKeyTextColor;
            return face.role === "function" ? kioskStyle.functionKeyTextColor : kioskStyle.keyTextColor;
        }
        anchors.fill: parent
        anchors.margins: kioskStyle.keyGap
        radius: Theme.radiusSmall
        color: {
            if (face.down)
                return kioskStyle.keyPressedColor;
            if (face.role === "enter")
                return kioskStyle.enterKeyColor;
            return face.role === "function" ? kioskStyle.functionKeyColor : kioskStyle.keyColor;
        }
        border.width: Theme.highContrast ? Theme.borderWidth : 1
        border.color: kioskStyle.keyBorderColor
        opacity: control === null || control.enabled ? 1.0 : 0.4
        Row {
            anchors.centerIn: parent
            spacing: Theme.gapSmall
            Loader {
                id: iconLoader
                anchors.verticalCenter: parent.verticalCenter
                visible: sourceComponent !== null
                onLoaded: {
                    item.size = Qt.binding(() => Math.round(kioskStyle.labelPixelSize * 0.9));
                    item.color = Qt.binding(() => face.ink);
                    if (item.hasOwnProperty("paper"))
                        item.paper = Qt.binding(() => face.color);
                }
            }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                visible: face.label !== ""
                text: face.label
                color: face.ink
                font.family: Theme.fontFamily
                font.pixelSize: face.labelSize
                font.bold: face.role !== "normal"
            }
        }
    }

    keyPanel: KeyPanel {
        id: keyPanel
        KeyFace {
            control: keyPanel.control
            label: keyPanel.control.displayText
            Text {  // the small text some layouts show (cangjie's letter, an alternative)
                visible: keyPanel.control.smallTextVisible && keyPanel.control.smallText !== "\u2699"
                text: keyPanel.control.smallText
                color: parent.ink
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: Theme.gapSmall / 2
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTiny
            }
        }
    }

    backspaceKeyPanel: KeyPanel {
        id: backspacePanel
        KeyFace {
            control: backspacePanel.control
            role: "function"
            iconComponent: BackspaceIcon {}
        }
    }

    languageKeyPanel: KeyPanel {
        id: languagePanel
        KeyFace {
            control: languagePanel.control
            role: "function"
            label: qsTr("切换")
        }
    }

    enterKeyPanel: KeyPanel {
        id: enterPanel
        // (a var: qmllint types `control` as BaseKey, which has no actionId)
        readonly property var key: enterPanel.control
        readonly property bool search: key !== null && key.actionId === EnterKeyAction.Search
        KeyFace {
            control: enterPanel.control
            role: "enter"
            iconComponent: enterPanel.search ? searchIcon : null
            label: enterPanel.search ? qsTr("搜索") : qsTr("确定")
        }
        Component {
            id: searchIcon
            SearchIcon {}
        }
    }

    // The kiosk keeps its keyboard on screen while typing: the hide key is a blank filler
    // (KeyboardPanel shows the keyboard again if it is tapped).
    hideKeyPanel: KeyPanel {
        Rectangle {
            anchors.fill: parent
            anchors.margins: kioskStyle.keyGap
            radius: Theme.radiusSmall
            color: "transparent"
        }
    }

    shiftKeyPanel: KeyPanel {
        id: shiftPanel
        KeyFace {
            control: shiftPanel.control
            role: "function"
            label: InputContext.capsLockActive ? qsTr("大写锁定") : qsTr("大写")
            border.width: InputContext.shiftActive ? Theme.borderWidth + 2 : (Theme.highContrast ? Theme.borderWidth : 1)
            border.color: InputContext.shiftActive ? Theme.primary : kioskStyle.keyBorderColor
        }
    }

    spaceKeyPanel: KeyPanel {
        id: spacePanel
        KeyFace {
            control: spacePanel.control
            label: {
                const locale = InputContext.locale;
                if (locale.startsWith("zh_TW")) {
                    return InputContext.inputEngine.inputMode === InputEngine.InputMode.Zhuyin
                        ? qsTr("注音 (繁體)") : qsTr("倉頡 (繁體)");
                }
                if (locale.startsWith("zh"))
                    return qsTr("拼音 空格");
                return qsTr("English 空格");
            }
            labelSize: kioskStyle.smallLabelPixelSize
        }
    }

    symbolKeyPanel: KeyPanel {
        id: symbolPanel
        KeyFace {
            control: symbolPanel.control
            role: "function"
            label: symbolPanel.control.displayText
        }
    }

    modeKeyPanel: KeyPanel {
        id: modePanel
        readonly property var key: modePanel.control
        readonly property bool on: key !== null && key.mode === true
        KeyFace {
            control: modePanel.control
            role: "function"
            label: modePanel.control.displayText
            border.width: modePanel.on ? Theme.borderWidth + 2 : (Theme.highContrast ? Theme.borderWidth : 1)
            border.color: modePanel.on ? Theme.primary : kioskStyle.keyBorderColor
        }
    }

    handwritingKeyPanel: KeyPanel {
        id: handwritingPanel
        KeyFace {
            control: handwritingPanel.control
            role: "function"
            label: qsTr("手写")
        }
    }

    characterPreviewMargin: 0
    characterPreviewDelegate: Item {
        id: characterPreview
        property string text
        Rectangle {
            anchors.fill: parent
            color: kioskStyle.popupColor
            border.width: Theme.borderWidth
            border.color: Theme.highContrast ? "#FFFFFF" : Theme.primary
            radius: Theme.radiusSmall
            Text {
                anchors.centerIn: parent
                text: characterPreview.text
                color: kioskStyle.popupTextColor
                font.family: Theme.fontFamily
                font.pixelSize: Math.round(kioskStyle.labelPixelSize * 1.4)
            }
        }
    }

    alternateKeysListItemWidth: Theme.touchSmall
    alternateKeysListItemHeight: Theme.touch
    alternateKeysListDelegate: Item {
        id: alternateItem
        required property string text
        width: kioskStyle.alternateKeysListItemWidth
        height: kioskStyle.alternateKeysListItemHeight
        Text {
            anchors.centerIn: parent
            text: alternateItem.text
            color: kioskStyle.popupTextColor
            font.family: Theme.fontFamily
            font.pixelSize: kioskStyle.labelPixelSize
        }
    }
    alternateKeysListHighlight: Rectangle {
        color: kioskStyle.popupHighlightColor
        radius: Theme.radiusSmall
    }
    alternateKeysListBackground: Rectangle {
        color: kioskStyle.popupColor
        radius: Theme.radiusSmall
        border.width: Theme.borderWidth
        border.color: Theme.highContrast ? "#FFFFFF" : Theme.primaryDark
    }

    // Candidates: a finger-sized bar (at least 60 px; 80, or 104 in elder mode) with large text.
    selectionListHeight: Theme.elder ? 104 : 80
    selectionListDelegate: SelectionListItem {
        id: candidate
        required property string display
        required property int index  // SelectionListItem's own MouseArea reads it
        width: Math.max(kioskStyle.selectionListHeight, candidateLabel.implicitWidth + 2 * Theme.gap)
        Rectangle {
            anchors.fill: parent
            anchors.margins: 4
            radius: Theme.radiusSmall
            color: candidate.ListView.isCurrentItem ? kioskStyle.candidateCurrentColor : "transparent"
        }
        Text {
            id: candidateLabel
            objectName: "candidateLabel"
            anchors.centerIn: parent
            text: candidate.display
            color: candidate.ListView.isCurrentItem ? kioskStyle.candidateCurrentTextColor : kioskStyle.candidateTextColor
            font.family: Theme.fontFamily
            font.pixelSize: kioskStyle.candidatePixelSize
        }
        Rectangle {  // separator
            width: 2
            height: parent.height / 2
            anchors.verticalCenter: parent.verticalCenter
            anchors.right: parent.right
            color: kioskStyle.keyBorderColor
        }
    }
    selectionListBackground: Rectangle {
        color: kioskStyle.candidateBackgroundColor
        border.width: Theme.highContrast ? Theme.borderWidth : 1
        border.color: kioskStyle.keyBorderColor
    }
    // No sliding in and out: the bar stays still.
    selectionListAdd: Transition {}
    selectionListRemove: Transition {}

    navigationHighlight: Rectangle {
        color: "transparent"
        border.color: Theme.highContrast ? "#FFFF00" : Theme.accent
        border.width: 5
    }

    popupListDelegate: SelectionListItem {
        id: popupItem
        required property string display
        required property int index  // SelectionListItem's own MouseArea reads it
        width: popupLabel.implicitWidth + 2 * Theme.gap
        height: Math.max(Theme.touchSmall, popupLabel.implicitHeight + Theme.gap)
        Text {
            id: popupLabel
            anchors.centerIn: parent
            text: popupItem.display
            color: kioskStyle.popupTextColor
            font.family: Theme.fontFamily
            font.pixelSize: kioskStyle.candidatePixelSize
        }
    }
    popupListBackground: Rectangle {
        color: kioskStyle.popupColor
        border.width: Theme.borderWidth
        border.color: Theme.highContrast ? "#FFFFFF" : Theme.primaryDark
    }
    popupListAdd: Transition {}
    popupListRemove: Transition {}

    // The language key opens a list of the three input languages, in words.
    languagePopupListEnabled: true
    languageListDelegate: SelectionListItem {
        id: languageItem
        required property string displayName
        required property int index  // SelectionListItem's own MouseArea reads it
        width: Math.max(Theme.touch * 4, languageLabel.implicitWidth + 2 * Theme.gap)
        height: Theme.touch
        Text {
            id: languageLabel
            anchors.verticalCenter: parent.verticalCenter
            anchors.left: parent.left
            anchors.leftMargin: Theme.gap
            text: languageItem.displayName
            color: kioskStyle.popupTextColor
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontBody
        }
    }
    languageListHighlight: Rectangle {
        color: kioskStyle.popupHighlightColor
        radius: Theme.radiusSmall
    }
    languageListBackground: Rectangle {
        color: kioskStyle.popupColor
        border.width: Theme.borderWidth
        border.color: Theme.highContrast ? "#FFFFFF" : Theme.primaryDark
    }
    languageListAdd: Transition {}
    languageListRemove: Transition {}

    fullScreenInputContainerBackground: Rectangle {
        color: kioskStyle.candidateBackgroundColor
    }
    fullScreenInputBackground: Item {}
    fullScreenInputMargins: Theme.gapSmall
    fullScreenInputPadding: 0
    fullScreenInputColor: kioskStyle.candidateTextColor
    fullScreenInputFont.pixelSize: Theme.fontBody
    fullScreenInputFont.family: Theme.fontFamily
}
