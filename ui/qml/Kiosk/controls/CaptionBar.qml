pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The caption of 朗读: exactly the sentence being spoken, with stop, volume and 普通话/粤语.
// Anchored at the bottom of a scene; shown only while reading (or to say it cannot).
Rectangle {
    id: bar

    visible: Speech.reading || Speech.message !== ""
    implicitHeight: column.implicitHeight + 2 * Theme.gap
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.primary

    // Taps on the bar stay on the bar (the list underneath must not open an item).
    MouseArea {
        anchors.fill: parent
    }

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.gap
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.gapSmall

        KText {
            objectName: "speechCaption"
            width: parent.width
            text: Speech.message !== "" ? Speech.message : Speech.caption
            color: Speech.message !== "" ? Theme.danger : Theme.text
            size: Theme.fontHeading
            font.bold: true
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }

        Flow {
            width: parent.width
            spacing: Theme.gap

            KText {
                objectName: "speechProgress"
                height: Theme.touchSmall
                verticalAlignment: Text.AlignVCenter
                visible: Speech.reading && Speech.sentenceIndex >= 0
                text: qsTr("第 %1 / %2 句").arg(Speech.sentenceIndex + 1).arg(Speech.sentenceCount)
                color: Theme.textMuted
                size: Theme.fontSmall
            }
            KButton {
                objectName: "speechStop"
                visible: Speech.reading
                height: Theme.touchSmall
                kind: "primary"
                glyph: "■"
                text: qsTr("停止")
                fontSize: Theme.fontSmall
                onClicked: Speech.stop()
            }
            KButton {
                objectName: "speechClose"
                visible: !Speech.reading
                height: Theme.touchSmall
                text: qsTr("关闭")
                fontSize: Theme.fontSmall
                onClicked: Speech.stop()
            }
            Row {
                spacing: Theme.gapSmall
                KButton {
                    objectName: "speechQuieter"
                    height: Theme.touchSmall
                    text: qsTr("小声")
                    glyph: "−"
                    fontSize: Theme.fontSmall
                    onClicked: Speech.setVolumeStep(Speech.volumeStep - 1)
                }
                KText {
                    objectName: "speechVolume"
                    height: Theme.touchSmall
                    verticalAlignment: Text.AlignVCenter
                    text: qsTr("音量 %1/%2").arg(Speech.volumeStep).arg(Speech.volumeSteps)
                    size: Theme.fontSmall
                }
                KButton {
                    objectName: "speechLouder"
                    height: Theme.touchSmall
                    text: qsTr("大声")
                    glyph: "+"
                    fontSize: Theme.fontSmall
                    onClicked: Speech.setVolumeStep(Speech.volumeStep + 1)
                }
            }
            Row {
                spacing: Theme.gapSmall
                visible: Speech.voices.length > 1
                Repeater {
                    model: Speech.voices
                    delegate: KButton {
                        id: voiceButton
                        required property string modelData
                        objectName: "speechVoice_" + modelData
                        height: Theme.touchSmall
                        kind: Speech.voice === modelData ? "primary" : "secondary"
                        glyph: Speech.voice === modelData ? "✓" : ""
                        // Each voice in its own name, as a Cantonese or Mandarin speaker says it.
                        text: modelData === "yue" ? qsTr("粤语") : qsTr("普通话")
                        fontSize: Theme.fontSmall
                        onClicked: Speech.setVoice(voiceButton.modelData)
                    }
                }
            }
        }
    }
}
