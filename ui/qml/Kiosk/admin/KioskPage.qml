pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// 终端信息: the terminal's ID and location and the help desk 帮助 shows, typed on the on-screen keyboard.
Item {
    id: kioskRoot
    property bool editing: false
    Column {
        spacing: Theme.gap
        width: parent.width
        Repeater {
            model: [
                { key: "kiosk.id", text: qsTr("终端编号") },
                { key: "kiosk.location", text: qsTr("安装位置") },
                { key: "help.desk_location", text: qsTr("服务台位置（居民点“帮助”时看到）") },
                { key: "help.desk_phone", text: qsTr("服务台电话") }
            ]
            delegate: Column {
                id: field
                required property var modelData
                spacing: Theme.gapSmall
                width: parent.width
                KText {
                    text: field.modelData.text + "  (" + Technician.settings["expected"][field.modelData.key] + ")"
                    width: parent.width
                    wrapMode: Text.Wrap
                    size: Theme.fontSmall
                    color: Theme.textMuted
                }
                Row {
                    spacing: Theme.gap
                    Rectangle {
                        width: field.width - save.width - Theme.gap
                        height: Theme.touch
                        radius: Theme.radiusSmall
                        border.width: Theme.borderWidth
                        border.color: input.activeFocus ? Theme.primary : Theme.border
                        color: Theme.surfaceAlt
                        TextInput {
                            id: input
                            objectName: "input_" + field.modelData.key
                            Accessible.role: Accessible.EditableText
                            Accessible.name: field.modelData.text
                            anchors.fill: parent
                            anchors.margins: Theme.gapSmall
                            verticalAlignment: TextInput.AlignVCenter
                            text: Technician.settings[field.modelData.key]
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                            clip: true
                            onTextEdited: Technician.touch()
                            onActiveFocusChanged: if (activeFocus) kioskRoot.editing = true
                        }
                    }
                    KButton {
                        id: save
                        objectName: "save_" + field.modelData.key
                        kind: "primary"
                        text: qsTr("保存")
                        onClicked: {
                            Technician.setSetting(field.modelData.key, input.text);
                            input.focus = false;
                            kioskRoot.editing = false;
                        }
                    }
                }
            }
        }
    }
    KeyboardPanel {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: kioskRoot.editing
    }
}
