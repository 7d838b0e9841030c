pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// The PIN pad shown first: digits only, the PIN never appears on screen (dots).
Rectangle {
    id: pad

    property string entered: ""
    readonly property bool locked: Technician.lockSeconds > 0

    signal cancelled()

    function press(key) {
        if (pad.locked)
            return;
        if (key === "clear")
            pad.entered = "";
        else if (key === "ok") {
            const pin = pad.entered;
            pad.entered = "";
            Technician.enterPin(pin);
        } else if (pad.entered.length < 12)
            pad.entered += key;
        Technician.touch();
    }

    implicitWidth: column.implicitWidth + 4 * Theme.gap
    implicitHeight: column.implicitHeight + 4 * Theme.gap
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.border

    Column {
        id: column
        anchors.centerIn: parent
        spacing: Theme.gap

        KText {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("维护模式：请输入管理密码")
            size: Theme.fontHeading
            font.bold: true
        }
        KText {
            objectName: "pinDots"
            anchors.horizontalCenter: parent.horizontalCenter
            text: pad.entered.length ? "●".repeat(pad.entered.length) : " "
            size: Theme.fontTitle
            color: Theme.primary
        }
        KText {
            objectName: "pinMessage"
            width: grid.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: pad.locked ? qsTr("尝试次数过多，请 %1 秒后再试").arg(Technician.lockSeconds) : (Technician.pinMessage)
            visible: text !== ""
            size: Theme.fontSmall
            color: Theme.danger
        }
        Grid {
            id: grid
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: Theme.gapSmall
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
                delegate: KButton {
                    required property string modelData
                    objectName: "pinKey_" + modelData
                    width: Theme.touch * 1.6
                    height: Theme.touch
                    kind: modelData === "ok" ? "primary" : "secondary"
                    opacity: pad.locked ? 0.4 : 1
                    text: modelData === "clear" ? qsTr("清除") : (modelData === "ok" ? qsTr("确认") : modelData)
                    onClicked: pad.press(modelData)
                }
            }
        }
        KButton {
            objectName: "pinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            kind: "ghost"
            text: qsTr("取消，返回首页")
            onClicked: pad.cancelled()
        }
    }
}
