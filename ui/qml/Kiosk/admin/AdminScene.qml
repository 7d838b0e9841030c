pragma ComponentBehavior: Bound
import QtQuick
import ".."

// The technician screen: PIN pad first, then status, sync, printer, display and idle,
// kiosk ID and location, recent log lines, and the only way out to the desktop.
// Talks only to the context property `adminController` (ui/admin.py).
Rectangle {
    id: scene

    // The context property set by ui/app.py. It turns null while the engine shuts down,
    // hence the `?.` and `??` in the bindings below.
    readonly property var admin: adminController // qmllint disable unqualified
    property string page: "status"
    property bool confirmExit: false

    signal closed()

    objectName: "adminScene"
    color: Theme.background

    Component.onCompleted: scene.admin?.open()
    Component.onDestruction: scene.admin?.close()

    Connections {
        target: scene.admin
        function onLeave_requested() {
            scene.closed();
        }
    }

    // Nothing under the technician screen may react to a touch; every touch counts as activity.
    MouseArea {
        anchors.fill: parent
        onPressed: scene.admin?.touch()
    }
    PointHandler {
        onActiveChanged: if (active) scene.admin?.touch()
    }

    PinPad {
        id: pinPad
        objectName: "pinPad"
        anchors.centerIn: parent
        visible: !(scene.admin?.unlocked ?? false)
        admin: scene.admin
        onCancelled: scene.admin?.leave()
    }

    Item {
        id: pages
        objectName: "adminPages"
        anchors.fill: parent
        visible: scene.admin?.unlocked ?? false

        Rectangle {
            id: header
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            height: Theme.headerHeight
            color: Theme.primaryDark

            Text {
                anchors.left: parent.left
                anchors.leftMargin: Theme.margin
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("维护模式") + "  ·  " + (scene.admin?.settings["kiosk.id"] || "")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.textOnPrimary
            }
            KButton {
                objectName: "adminLeave"
                anchors.right: parent.right
                anchors.rightMargin: Theme.margin
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("退出维护")
                onClicked: scene.admin?.leave()
            }
        }

        Column {
            id: nav
            anchors.top: header.bottom
            anchors.left: parent.left
            anchors.bottom: messageBar.top
            anchors.margins: Theme.margin
            width: 340
            spacing: Theme.gapSmall

            Repeater {
                model: [
                    { key: "status", text: qsTr("运行状态") },
                    { key: "sync", text: qsTr("数据同步") },
                    { key: "printer", text: qsTr("打印机") },
                    { key: "display", text: qsTr("待机与显示") },
                    { key: "kiosk", text: qsTr("终端信息") },
                    { key: "logs", text: qsTr("运行日志") }
                ]
                delegate: KButton {
                    required property var modelData
                    objectName: "nav_" + modelData.key
                    width: nav.width
                    kind: scene.page === modelData.key ? "primary" : "secondary"
                    text: modelData.text
                    onClicked: {
                        scene.page = modelData.key;
                        scene.confirmExit = false;
                        if (modelData.key === "status")
                            scene.admin?.refreshStatus();
                        else if (modelData.key === "logs")
                            scene.admin?.refreshLogs();
                        else
                            scene.admin?.touch();
                    }
                }
            }
            Item { width: 1; height: Theme.gap }
            KButton {
                objectName: "exitDesktop"
                width: nav.width
                kind: scene.confirmExit ? "primary" : "ghost"
                text: scene.confirmExit ? qsTr("再按一次：退出到桌面") : qsTr("退出到桌面…")
                onClicked: {
                    if (scene.confirmExit)
                        scene.admin?.exitToDesktop();
                    scene.confirmExit = !scene.confirmExit;
                }
            }
        }

        Rectangle {
            id: content
            anchors.top: header.bottom
            anchors.left: nav.right
            anchors.right: parent.right
            anchors.bottom: messageBar.top
            anchors.margins: Theme.margin
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.borderWidth
            border.color: Theme.border
            clip: true

            Loader {
                anchors.fill: parent
                anchors.margins: Theme.gap * 1.5
                sourceComponent: {
                    switch (scene.page) {
                    case "sync": return syncPage;
                    case "printer": return printerPage;
                    case "display": return displayPage;
                    case "kiosk": return kioskPage;
                    case "logs": return logsPage;
                    default: return statusPage;
                    }
                }
            }
        }

        Rectangle {
            id: messageBar
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: Theme.statusHeight
            color: scene.admin?.message === "" ? Theme.surface
                   : (scene.admin?.messageOk ? Theme.okSoft : Theme.dangerSoft)
            Text {
                objectName: "adminMessage"
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
                text: scene.admin?.message ?? ""
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                color: scene.admin?.messageOk ? Theme.ok : Theme.danger
            }
        }
    }

    Component {
        id: statusPage
        Column {
            spacing: Theme.gapSmall
            Repeater {
                model: scene.admin?.statusRows ?? []
                delegate: Row {
                    id: row
                    required property var modelData
                    spacing: Theme.gap
                    Rectangle {
                        width: 18
                        height: 18
                        radius: 9
                        anchors.verticalCenter: parent.verticalCenter
                        color: row.modelData.ok ? Theme.ok : Theme.warn
                    }
                    Text {
                        width: 220
                        text: row.modelData.label
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textMuted
                    }
                    Text {
                        objectName: "status_" + row.modelData.label
                        width: content.width - 340
                        text: row.modelData.value
                        wrapMode: Text.Wrap
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        color: Theme.text
                    }
                }
            }
            KButton {
                objectName: "refreshStatus"
                text: qsTr("刷新")
                onClicked: scene.admin?.refreshStatus()
            }
        }
    }

    Component {
        id: syncPage
        Column {
            spacing: Theme.gap
            Text {
                text: qsTr("从同步来源下载并校验最新的事项目录。同步在后台进行，不影响居民使用。")
                width: content.width - 3 * Theme.gap
                wrapMode: Text.Wrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }
            KButton {
                objectName: "syncNow"
                kind: "primary"
                opacity: scene.admin?.syncRunning ? 0.5 : 1
                text: scene.admin?.syncRunning ? qsTr("正在同步…") : qsTr("立即同步")
                onClicked: scene.admin?.syncNow()
            }
            Text {
                objectName: "syncMessage"
                width: content.width - 3 * Theme.gap
                wrapMode: Text.Wrap
                text: scene.admin?.syncMessage ?? ""
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
        }
    }

    Component {
        id: printerPage
        Column {
            spacing: Theme.gap * 1.5
            SettingChoice {
                width: content.width - 3 * Theme.gap
                admin: scene.admin
                key: "printer.kind"
                label: qsTr("打印方式")
                current: scene.admin?.settings["printer.kind"]
                options: [
                    { value: "none", text: qsTr("不打印") },
                    { value: "cups", text: qsTr("CUPS 打印机") },
                    { value: "escpos", text: qsTr("ESC/POS 热敏打印机") },
                    { value: "pdf", text: qsTr("PDF 文件") }
                ]
            }
            SettingChoice {
                width: content.width - 3 * Theme.gap
                visible: ["cups", "escpos"].indexOf(scene.admin?.settings["printer.kind"] ?? "") >= 0
                admin: scene.admin
                key: "printer.name"
                label: (scene.admin?.printerQueues.length ?? 0) ? qsTr("选择打印机")
                       : qsTr("没有找到打印机（CUPS：先用 lpadmin 添加；ESC/POS：检查 USB 连接）")
                current: scene.admin?.settings["printer.name"]
                options: (scene.admin?.printerQueues ?? []).map(q => ({ value: q, text: q }))
            }
            SettingChoice {
                width: content.width - 3 * Theme.gap
                admin: scene.admin
                key: "printer.paper"
                label: qsTr("纸张")
                current: scene.admin?.settings["printer.paper"]
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
                onClicked: scene.admin?.testPrint()
            }
        }
    }

    Component {
        id: displayPage
        Column {
            spacing: Theme.gap
            SettingStepper {
                admin: scene.admin
                key: "idle.timeout_seconds"
                label: qsTr("无操作多久后询问（秒）")
                valueText: String(scene.admin?.settings["idle.timeout_seconds"])
            }
            SettingStepper {
                admin: scene.admin
                key: "idle.countdown_seconds"
                label: qsTr("询问后倒计时（秒）")
                valueText: String(scene.admin?.settings["idle.countdown_seconds"])
            }
            SettingStepper {
                admin: scene.admin
                key: "idle.attract_seconds"
                label: qsTr("多久后显示待机画面（秒）")
                valueText: String(scene.admin?.settings["idle.attract_seconds"])
            }
            SettingStepper {
                admin: scene.admin
                key: "display.font_scale"
                label: qsTr("字体缩放")
                valueText: Number(scene.admin?.settings["display.font_scale"]).toFixed(1)
            }
            Flow {
                width: content.width - 3 * Theme.gap
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
                    admin: scene.admin
                    key: modelData.key
                    label: modelData.text
                    current: scene.admin?.settings[modelData.key] ? "true" : "false"
                    options: [{ value: "false", text: qsTr("关") }, { value: "true", text: qsTr("开") }]
                }
                }
            }
        }
    }

    Component {
        id: kioskPage
        Item {
            id: kioskRoot
            property bool editing: false
            Column {
                spacing: Theme.gap
                width: parent.width
                Repeater {
                    model: [
                        { key: "kiosk.id", text: qsTr("终端编号") },
                        { key: "kiosk.location", text: qsTr("安装位置") }
                    ]
                    delegate: Column {
                        id: field
                        required property var modelData
                        spacing: Theme.gapSmall
                        width: parent.width
                        Text {
                            text: field.modelData.text + "  (" + scene.admin?.settings["expected"][field.modelData.key] + ")"
                            width: parent.width
                            wrapMode: Text.Wrap
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
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
                                    anchors.fill: parent
                                    anchors.margins: Theme.gapSmall
                                    verticalAlignment: TextInput.AlignVCenter
                                    text: scene.admin?.settings[field.modelData.key] ?? ""
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.fontBody
                                    color: Theme.text
                                    clip: true
                                    onTextEdited: scene.admin?.touch()
                                    onActiveFocusChanged: if (activeFocus) kioskRoot.editing = true
                                }
                            }
                            KButton {
                                id: save
                                objectName: "save_" + field.modelData.key
                                kind: "primary"
                                text: qsTr("保存")
                                onClicked: {
                                    scene.admin?.setSetting(field.modelData.key, input.text);
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
    }

    Component {
        id: logsPage
        Item {
            KButton {
                id: refreshLogs
                objectName: "refreshLogs"
                text: qsTr("刷新（最新在上）")
                onClicked: scene.admin?.refreshLogs()
            }
            ListView {
                // No current item on a touch screen. With one, the view's default highlight animates
                // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
                currentIndex: -1
                highlightFollowsCurrentItem: false
                objectName: "logList"
                anchors.top: refreshLogs.bottom
                anchors.topMargin: Theme.gap
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                clip: true
                model: scene.admin?.logLines ?? []
                delegate: Text {
                    required property string modelData
                    width: ListView.view.width
                    text: modelData
                    wrapMode: Text.WrapAnywhere
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTiny
                    color: modelData.indexOf(" ERROR ") >= 0 || modelData.indexOf(" WARNING ") >= 0 ? Theme.danger : Theme.text
                }
                onMovementStarted: scene.admin?.touch()
            }
        }
    }
}
