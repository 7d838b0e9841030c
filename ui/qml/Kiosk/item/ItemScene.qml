pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// 办事指南: everything a resident needs for one item, with the QR code to continue on a phone.
Rectangle {
    id: scene

    // Always an object (ui/backends/item.py); a fact the list does not give is "" and draws nothing.
    readonly property ItemView item: Resident.item
    // Which guide sections the list fills: an empty one is not drawn.
    readonly property bool hasLimits: item.caseType !== "" || item.legalText !== "" || item.promiseText !== ""
        || item.visitsText !== "" || item.fee !== ""
    readonly property bool hasContact: item.phone !== "" || item.address !== "" || item.hours !== ""
        || item.note !== ""
    // Only name, department and link: the page sends the resident to the QR code (GuideNote).
    readonly property bool thinGuide: item.available && item.conditions === ""
        && item.materials.length === 0 && item.steps.length === 0 && !hasLimits && !hasContact

    color: Theme.background

    SceneHeader {
        id: topBar
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        title: qsTr("办事指南")
        subtitle: scene.item.department
    }

    // Landscape: guide on the left, QR code on the right. Portrait: QR code inside the guide.
    Column {
        id: side
        visible: !Theme.portrait
        anchors.top: topBar.bottom
        anchors.right: parent.right
        anchors.margins: Theme.margin
        width: 500
        spacing: Theme.gap
        // What the screen leaves for the QR code once its captions and the print button are
        // placed. The key facts stay beside it only while the code keeps Theme.qrMin; otherwise
        // (elder mode's larger text) they move into the guide, so the print button and a large
        // code both stay on screen. 400 px at most.
        readonly property real room: scene.height - topBar.height - 2 * Theme.margin - qrCard.chrome
            - (printButton.visible ? printButton.height + spacing : 0)
        readonly property bool factsFit: !facts.hasFacts || room - facts.implicitHeight - spacing >= Theme.qrMin
        QrCard {
            id: qrCard
            objectName: "qrCard"
            width: parent.width
            codeSize: Math.min(400, Math.floor(side.factsFit && facts.hasFacts
                                               ? side.room - facts.implicitHeight - side.spacing : side.room))
            url: scene.item.url
            statusText: scene.item.statusText
            onTapped: Resident.enlargeQr(true)
        }
        KeyFacts {
            id: facts
            visible: side.factsFit && hasFacts
            width: parent.width
            item: scene.item
        }
        KButton {
            id: printButton
            objectName: "printButton"
            visible: Resident.printerEnabled && scene.item.available
            width: parent.width
            kind: "primary"
            icon: PrintIcon {}
            // While a slip prints (CUPS is followed for up to a minute) the button says so.
            text: Resident.printing ? qsTr("正在打印…") : qsTr("打印办事指南")
            onClicked: Resident.printItem(scene.item.code)
        }
    }

    Flickable {
        id: flick
        objectName: "guideFlick"
        Accessible.role: Accessible.Pane
        Accessible.name: qsTr("办事指南")
        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.right: Theme.portrait ? parent.right : side.left
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.portrait ? Theme.margin : Theme.gap * 2
        contentHeight: guide.height + 2 * Theme.margin
        // room to scroll the guide's end out from under the read-aloud caption
        bottomMargin: itemCaption.visible ? itemCaption.height : 0
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        Column {
            id: guide
            y: Theme.margin
            width: flick.width - Theme.gap
            spacing: Theme.gap * 1.5

            Column {
                width: parent.width
                spacing: Theme.gapSmall
                KText {
                    objectName: "itemName"
                    width: parent.width
                    text: scene.item.name
                    size: Theme.fontHero
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                Flow {
                    width: parent.width
                    spacing: Theme.gapSmall
                    Tag {
                        visible: scene.item.available && scene.item.terminalKnown
                        text: scene.item.terminal ? qsTr("✓ 可在本机办理") : qsTr("需到窗口或网上办理")
                        tone: scene.item.terminal ? "ok" : "neutral"
                        fontSize: Theme.fontSmall
                    }
                    Tag {
                        visible: scene.item.caseType !== ""
                        text: scene.item.caseType
                        fontSize: Theme.fontSmall
                    }
                    Tag {
                        visible: scene.item.serviceObject !== ""
                        text: qsTr("服务对象：%1").arg(scene.item.serviceObject)
                        fontSize: Theme.fontSmall
                    }
                }
                ReadAloudButton {
                    objectName: "readAloudItem"
                    visible: Speech.available
                    what: "item"
                }
            }

            // Landscape, when the side column has no room for them beside a large QR code.
            KeyFacts {
                objectName: "guideFacts"
                visible: !Theme.portrait && !side.factsFit && hasFacts
                width: parent.width
                item: scene.item
            }

            // Suspended or cancelled: say so plainly, before anything else.
            Rectangle {
                objectName: "statusBanner"
                visible: scene.item.statusText !== ""
                width: parent.width
                height: bannerText.implicitHeight + 2 * Theme.gap
                radius: Theme.radiusSmall
                color: Theme.dangerSoft
                border.width: 2
                border.color: Theme.danger
                KText {
                    id: bannerText
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.gap
                    text: scene.item.statusText + qsTr("，请咨询窗口工作人员")
                    color: Theme.danger
                    size: Theme.fontHeading
                    font.bold: true
                    wrapMode: Text.Wrap
                }
            }

            Row {
                visible: Theme.portrait
                width: parent.width
                spacing: Theme.gap
                QrCard {
                    id: portraitQr
                    objectName: "qrCardPortrait"
                    codeSize: Theme.qrMin
                    width: implicitWidth
                    url: scene.item.url
                    statusText: scene.item.statusText
                    onTapped: Resident.enlargeQr(true)
                }
                Column {
                    width: parent.width - portraitQr.width - Theme.gap
                    spacing: Theme.gap
                    anchors.verticalCenter: parent.verticalCenter
                    // First, beside the code: on screen however long the facts run (elder, English).
                    KButton {
                        objectName: "printButtonPortrait"
                        visible: Resident.printerEnabled && scene.item.available
                        width: parent.width
                        kind: "primary"
                        icon: PrintIcon {}
                        text: Resident.printing ? qsTr("正在打印…") : qsTr("打印办事指南")
                        onClicked: Resident.printItem(scene.item.code)
                    }
                    KeyFacts {
                        width: parent.width
                        item: scene.item
                    }
                    GuideNote {
                        objectName: "guideNotePortrait"
                        visible: scene.thinGuide
                        width: parent.width
                        department: scene.item.department
                        code: scene.item.code
                        hasUrl: scene.item.url !== ""
                        qrSide: "left"
                    }
                }
            }

            GuideNote {
                visible: scene.thinGuide && !Theme.portrait
                width: parent.width
                department: scene.item.department
                code: scene.item.code
                hasUrl: scene.item.url !== ""
            }

            GuideSection {
                width: parent.width
                title: qsTr("办理条件")
                visible: scene.item.conditions !== ""
                KText {
                    width: parent.width
                    text: scene.item.conditions
                    wrapMode: Text.Wrap
                    lineHeight: 1.25
                }
            }

            GuideSection {
                width: parent.width
                title: qsTr("申请材料")
                visible: scene.item.materials.length > 0
                Repeater {
                    model: scene.item.materials
                    delegate: MaterialCard {
                        width: parent.width
                    }
                }
            }

            GuideSection {
                width: parent.width
                title: qsTr("办理流程")
                visible: scene.item.steps.length > 0
                Repeater {
                    model: scene.item.steps
                    delegate: Row {
                        id: step
                        required property int index
                        required property string modelData
                        width: parent.width
                        spacing: Theme.gap
                        Rectangle {
                            width: Theme.fontBody * 1.6
                            height: width
                            radius: width / 2
                            color: Theme.primary
                            KText {
                                anchors.centerIn: parent
                                text: step.index + 1
                                color: Theme.textOnPrimary
                                size: Theme.fontSmall
                                font.bold: true
                            }
                        }
                        KText {
                            width: parent.width - Theme.fontBody * 1.6 - Theme.gap
                            anchors.verticalCenter: parent.verticalCenter
                            text: step.modelData
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }

            GuideSection {
                width: parent.width
                title: qsTr("时限与收费")
                visible: scene.hasLimits
                Fact { width: parent.width; label: qsTr("办件类型"); value: scene.item.caseType }
                Fact { width: parent.width; label: qsTr("法定时限"); value: scene.item.legalText }
                Fact { width: parent.width; label: qsTr("承诺时限"); value: scene.item.promiseText }
                Fact { width: parent.width; label: qsTr("跑动次数"); value: scene.item.visitsText }
                Fact { width: parent.width; label: qsTr("收费标准"); value: scene.item.fee }
            }

            GuideSection {
                width: parent.width
                title: qsTr("咨询与办理地点")
                visible: scene.hasContact
                Fact { width: parent.width; label: qsTr("咨询电话"); value: scene.item.phone }
                Fact { width: parent.width; label: qsTr("办理地点"); value: scene.item.address }
                Fact { width: parent.width; label: qsTr("办理时间"); value: scene.item.hours }
                Fact { width: parent.width; label: qsTr("温馨提示"); value: scene.item.note }
            }
        }
    }
    ScrollHint {
        flickable: flick
    }

    CaptionBar {
        id: itemCaption
        objectName: "captionBar"
        anchors.left: flick.left
        anchors.right: flick.right
        anchors.bottom: parent.bottom
    }

    // The QR code full screen (a tap on either card); built only while shown.
    Loader {
        objectName: "qrZoomLoader"
        anchors.fill: parent
        active: Resident.qrEnlarged
        sourceComponent: QrZoom {
            objectName: "qrZoom"
            url: scene.item.url
            name: scene.item.name
        }
    }
}
