pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// One setting with a few fixed choices: the chosen one is the primary button.
Column {
    id: choice

    property string key
    property string label
    property var options: []      // [{value: "58mm", text: "58 毫米"}]
    property var current

    spacing: Theme.gapSmall

    KText {
        text: choice.label
        size: Theme.fontSmall
        color: Theme.textMuted
    }
    Flow {
        width: choice.width
        spacing: Theme.gapSmall
        Repeater {
            model: choice.options
            delegate: KButton {
                required property var modelData
                objectName: "choice_" + choice.key + "_" + modelData.value
                fontSize: Theme.fontSmall
                height: Theme.touchSmall
                kind: String(choice.current) === String(modelData.value) ? "primary" : "secondary"
                text: modelData.text
                onClicked: Technician.setSetting(choice.key, String(modelData.value))
            }
        }
    }
}
