pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// A number setting with − and + buttons (the controller keeps it inside its range).
Row {
    id: stepper

    property string key
    property string label
    property string valueText

    spacing: Theme.gap

    KText {
        width: 420
        anchors.verticalCenter: parent.verticalCenter
        text: stepper.label
        size: Theme.fontSmall
        wrapMode: Text.Wrap
    }
    KButton {
        objectName: "minus_" + stepper.key
        height: Theme.touchSmall
        width: Theme.touchSmall
        text: "−"
        onClicked: Technician.stepSetting(stepper.key, -1)
    }
    KText {
        objectName: "value_" + stepper.key
        width: 160
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignHCenter
        text: stepper.valueText
        font.bold: true
    }
    KButton {
        objectName: "plus_" + stepper.key
        height: Theme.touchSmall
        width: Theme.touchSmall
        text: "+"
        onClicked: Technician.stepSetting(stepper.key, 1)
    }
}
