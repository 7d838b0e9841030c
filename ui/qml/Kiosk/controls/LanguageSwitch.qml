pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// 简体 / 繁體 / English: one button per language, each labelled in itself so its reader finds
// it; the one on screen carries a tick (on the header's blue a filled button would vanish).
// The choice lasts for this resident's session only.
Row {
    id: languages

    // Tags as kiosk.access.script.Language gives them (Resident.language).
    readonly property var choices: [
        { tag: "zh-Hans", label: "简体", name: "简体中文" },
        { tag: "zh-Hant", label: "繁體", name: "繁體中文" },
        { tag: "en", label: "English", name: "English" }
    ]

    objectName: "languageSwitch"
    spacing: Theme.gapSmall
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("语言")

    Repeater {
        model: languages.choices
        delegate: KButton {
            required property var modelData
            objectName: "language_" + modelData.tag
            kind: "secondary"
            glyph: Resident.language === modelData.tag ? "✓" : ""
            fontSize: Theme.fontSmall
            text: modelData.label
            Accessible.name: modelData.name
            Accessible.checkable: true
            Accessible.checked: Resident.language === modelData.tag
            onClicked: Resident.setLanguage(modelData.tag)
        }
    }
}
