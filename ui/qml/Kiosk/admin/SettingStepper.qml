pragma ComponentBehavior: Bound
import QtQuick
import ".."

// A number setting with − and + buttons (the controller keeps it inside its range).
Row {
    id: stepper

    property var admin
    property string key
    property string label
    property string valueText

    spacing: Theme.gap

    Text {
        width: 420
        anchors.verticalCenter: parent.verticalCenter
        text: stepper.label
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        color: Theme.text
        wrapMode: Text.Wrap
    }
    KButton {
        objectName: "minus_" + stepper.key
        height: Theme.touchSmall
        width: Theme.touchSmall
        text: "−"
        onClicked: stepper.admin.stepSetting(stepper.key, -1)
    }
    Text {
        objectName: "value_" + stepper.key
        width: 160
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignHCenter
        text: stepper.valueText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        font.bold: true
        color: Theme.text
    }
    KButton {
        objectName: "plus_" + stepper.key
        height: Theme.touchSmall
        width: Theme.touchSmall
        text: "+"
        onClicked: stepper.admin.stepSetting(stepper.key, 1)
    }
}
