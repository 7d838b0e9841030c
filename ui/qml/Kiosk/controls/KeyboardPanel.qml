pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// Qt Virtual Keyboard inside the scene (never a separate window), in the kiosk's own style
// (ui/qml/keyboard/QtQuick/VirtualKeyboard/Styles/kiosk): 简体 pinyin, English, and 繁體 through
// Qt's zh_TW input method (倉頡, or 注音 from its mode key). Loaded only when a scene opens the
// keyboard: nothing of Qt Virtual Keyboard is loaded at start-up.
Item {
    id: panel
    objectName: "keyboardPanel"

    // The text field typing goes to: its Enter key becomes 搜索 when `searchKey` is set.
    property Item target: null
    property bool searchKey: false
    property bool showLanguages: true

    // Keys plus the candidate bar, reserved whether or not candidates are shown: the keys never
    // move when the first letter brings candidates (or when English has no candidate bar).
    // For tests and screenshots: the style in use and its name.
    readonly property QtObject keyboardStyle: input.keyboard.style
    readonly property string styleName: VirtualKeyboardSettings.styleName
    readonly property int keysHeight: input.keyboard.height + input.keyboard.wordCandidateView.height
    implicitHeight: (showLanguages ? languages.height + Theme.gapSmall : 0) + keysHeight

    Row {
        id: languages
        visible: panel.showLanguages
        spacing: Theme.gapSmall
        width: panel.width
        height: visible ? Theme.touchSmall : 0
        Repeater {
            model: [
                { locale: "zh_CN", label: qsTr("简体 拼音") },
                { locale: "en_US", label: qsTr("English") },
                { locale: "zh_TW", label: qsTr("繁體 倉頡") }
            ]
            delegate: KButton {
                required property var modelData
                objectName: "keyboardLanguage_" + modelData.locale
                width: (languages.width - 2 * Theme.gapSmall) / 3
                height: Theme.touchSmall
                fontSize: Theme.fontSmall
                kind: VirtualKeyboardSettings.locale === modelData.locale ? "primary" : "secondary"
                text: modelData.label
                onClicked: panel.useLocale(modelData.locale)
            }
        }
    }

    Item {
        id: keysArea
        anchors.top: languages.bottom
        anchors.topMargin: panel.showLanguages ? Theme.gapSmall : 0
        width: panel.width
        height: panel.keysHeight

        InputPanel {
            id: input
            objectName: "virtualKeyboard"
            width: keysArea.width
            anchors.bottom: parent.bottom
        }
    }

    Binding {
        when: panel.target !== null && panel.searchKey
        target: panel.target ? panel.target.EnterKeyAction : null
        property: "actionId"
        value: EnterKeyAction.Search
    }

    // The style's hide key is a blank: should it be tapped, keep the keyboard usable.
    // (Qt.inputMethod is typed QObject for qmllint: held as a var.)
    readonly property var inputMethod: Qt.inputMethod
    Connections {
        target: Qt.inputMethod
        function onVisibleChanged() {
            if (!panel.inputMethod.visible && panel.visible && panel.target !== null && panel.target.activeFocus)
                panel.inputMethod.show();
        }
    }

    // zh_TW starts in 注音 (Taiwan); 倉頡 is what Hong Kong and Macau residents learnt. Its
    // layout's mode key still switches to 注音.
    function useLocale(locale) {
        VirtualKeyboardSettings.locale = locale;
        if (locale === "zh_TW")
            Qt.callLater(panel.useCangjie);
    }
    function useCangjie() {
        const engine = InputContext.inputEngine;
        if (engine.inputModes.indexOf(InputEngine.InputMode.Cangjie) !== -1)
            engine.inputMode = InputEngine.InputMode.Cangjie;
    }

    Component.onCompleted: {
        VirtualKeyboardSettings.styleName = "kiosk";
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US", "zh_TW"];
        VirtualKeyboardSettings.locale = "zh_CN";
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = true;
    }
}
