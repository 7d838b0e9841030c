pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// 打印机: printer kind, queue or device, paper, and a test print.
Column {
    id: page
    spacing: Theme.gap * 1.5
    SettingChoice {
        width: page.width
        key: "printer.kind"
        label: qsTr("打印方式")
        current: Technician.settings["printer.kind"]
        options: [
            { value: "none", text: qsTr("不打印") },
            { value: "cups", text: qsTr("CUPS 打印机") },
            { value: "escpos", text: qsTr("ESC/POS 热敏打印机") },
            { value: "pdf", text: qsTr("PDF 文件") }
        ]
    }
    SettingChoice {
        width: page.width
        visible: ["cups", "escpos"].indexOf(Technician.settings["printer.kind"]) >= 0
        key: "printer.name"
        label: (Technician.printerQueues.length) ? qsTr("选择打印机")
               : qsTr("没有找到打印机（CUPS：先用 lpadmin 添加；ESC/POS：检查 USB 连接）")
        current: Technician.settings["printer.name"]
        options: (Technician.printerQueues).map(q => ({ value: q, text: q }))
    }
    SettingChoice {
        width: page.width
        key: "printer.paper"
        label: qsTr("纸张")
        current: Technician.settings["printer.paper"]
        options: [
            { value: "58mm", text: qsTr("58 毫米热敏纸") },
            { value: "80mm", text: qsTr("80 毫米热敏纸") },
            { value: "a4", text: "A4" }
        ]
    }
    KButton {
        objectName: "testPrint"
        kind: "primary"
        text: qsTr("测试打印")
        onClicked: Technician.testPrint()
    }
}
