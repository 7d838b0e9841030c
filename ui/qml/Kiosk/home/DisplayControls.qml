pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// On home, for the resident: text size in three steps and high contrast (reset at session end).
// On one line when it fits in maxWidth, else the contrast button goes under the text sizes.
Grid {
    id: controls

    // the width the scene can give (0: no limit)
    property real maxWidth: 0
    // the width on one line, whatever the grid shows now (the scene lays out by it)
    readonly property real lineWidth: sizes.implicitWidth + Theme.gap + contrast.implicitWidth

    columns: maxWidth > 0 && lineWidth > maxWidth ? 1 : 2
    columnSpacing: Theme.gap
    rowSpacing: Theme.gapSmall
    verticalItemAlignment: Grid.AlignVCenter

    Row {
        id: sizes
        spacing: Theme.gapSmall
        KText {
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("字号")
            color: Theme.textMuted
            size: Theme.fontSmall
        }
        Repeater {
            // Labels are the step names a resident reads; Resident.setTextSize takes the index.
            model: [qsTr("标准"), qsTr("大"), qsTr("特大")]
            delegate: KButton {
                id: sizeButton
                required property int index
                required property string modelData
                objectName: "textSize" + index
                kind: Resident.textSize === index ? "primary" : "secondary"
                glyph: Resident.textSize === index ? "✓" : ""
                text: modelData
                // The label grows with the step it stands for, so the choice shows its effect.
                fontSize: Math.round(Theme.fontBody * [0.9, 1.0, 1.12][index])
                Accessible.name: qsTr("字号%1").arg(modelData)
                onClicked: Resident.setTextSize(sizeButton.index)
            }
        }
    }
    KButton {
        id: contrast
        objectName: "contrastToggle"
        kind: Resident.highContrast ? "primary" : "secondary"
        glyph: Resident.highContrast ? "✓" : "◐"
        text: qsTr("高对比度")
        onClicked: Resident.toggleContrast()
    }
}
