pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The three facts a resident asks first: how long, how many trips, how much.
Rectangle {
    id: card

    // Resident.item (ui/backends/item.py): its wording comes from kiosk.catalogue.present, as on
    // the printed slip; a fact the list does not give is "".
    required property ItemView item
    // No card around nothing: a list without time limits, visits or fees draws no key facts.
    readonly property bool hasFacts: item.timeLimitText !== "" || item.visitsText !== "" || item.fee !== ""

    objectName: "keyFacts"
    visible: hasFacts
    implicitHeight: column.implicitHeight + 2 * Theme.gap
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.border

    Column {
        id: column
        x: Theme.gap
        y: Theme.gap
        width: card.width - 2 * Theme.gap
        spacing: Theme.gapSmall
        Fact { width: parent.width; label: qsTr("办理时限"); value: card.item.timeLimitText }
        Fact { width: parent.width; label: qsTr("跑动次数"); value: card.item.visitsText }
        Fact { width: parent.width; label: qsTr("收费"); value: card.item.fee }
    }
}
