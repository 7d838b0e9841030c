pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// 待机与显示: idle times, font scale, elder mode, contrast, cursor.
Column {
    id: page
    spacing: Theme.gap
    SettingStepper {
        key: "idle.timeout_seconds"
        label: qsTr("无操作多久后询问（秒）")
        valueText: String(Technician.settings["idle.timeout_seconds"])
    }
    SettingStepper {
        key: "idle.countdown_seconds"
        label: qsTr("询问后倒计时（秒）")
        valueText: String(Technician.settings["idle.countdown_seconds"])
    }
    SettingStepper {
        key: "idle.attract_seconds"
        label: qsTr("多久后显示待机画面（秒）")
        valueText: String(Technician.settings["idle.attract_seconds"])
    }
    SettingStepper {
        key: "display.font_scale"
        label: qsTr("字体缩放")
        valueText: Number(Technician.settings["display.font_scale"]).toFixed(1)
    }
    Flow {
        width: page.width
        spacing: Theme.gap * 2
        Repeater {
        model: [
            { key: "display.elder_mode", text: qsTr("默认长辈模式（大字）") },
            { key: "display.high_contrast", text: qsTr("高对比度") },
            { key: "display.cursor", text: qsTr("显示鼠标指针") }
        ]
        delegate: SettingChoice {
            required property var modelData
            width: 360
            key: modelData.key
            label: modelData.text
            current: Technician.settings[modelData.key] ? "true" : "false"
            options: [{ value: "false", text: qsTr("关") }, { value: "true", text: qsTr("开") }]
        }
        }
    }
}
