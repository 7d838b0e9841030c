pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// 朗读: reads the screen's essentials aloud (Speech); hidden when no voice is installed.
KButton {
    id: button

    // "item" reads the open item's guide; "results" the search results.
    property string what: "item"

    visible: Speech.available
    kind: "secondary"
    icon: SpeakerIcon {}
    text: Speech.reading ? qsTr("停止朗读") : qsTr("朗读")
    Accessible.description: qsTr("用%1读出本页要点").arg(Speech.voiceLabel)
    onClicked: {
        if (Speech.reading)
            Speech.stop();
        else if (button.what === "results")
            Speech.readResults();
        else
            Speech.readItem();
    }
}
