pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Search: what was typed, live results, and the on-screen keyboard inside the scene.
Rectangle {
    id: scene

    // "pad": A–Z initials (default); "keyboard": Qt Virtual Keyboard (pinyin / English).
    property string mode: "pad"

    color: Theme.background

    SceneHeader {
        id: topBar
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        title: qsTr("搜索事项")
        subtitle: qsTr("点字母输入拼音首字母，例如 社保查询 → SBCX")
    }

    // Query box: shows what was typed; in keyboard mode it takes the virtual keyboard's input.
    Rectangle {
        id: queryBox
        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.margins: Theme.margin
        // The full keyboard needs more width than the initials pad for keys of a finger's size.
        width: Theme.portrait ? parent.width - 2 * Theme.margin
             : Math.round((parent.width - 2 * Theme.margin) * (scene.mode === "keyboard" ? 0.4 : 0.52))
        height: Theme.touch + 24
        radius: Theme.radiusSmall
        color: Theme.surface
        border.width: 3
        border.color: Theme.primary

        SearchIcon {
            id: icon
            anchors.left: parent.left
            anchors.leftMargin: Theme.gap
            anchors.verticalCenter: parent.verticalCenter
            size: Theme.fontHeading
        }
        TextInput {
            id: input
            objectName: "searchInput"
            anchors.left: icon.right
            anchors.leftMargin: Theme.gap
            anchors.right: clearButton.left
            anchors.rightMargin: Theme.gapSmall
            anchors.verticalCenter: parent.verticalCenter
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTitle
            font.capitalization: Font.AllUppercase
            color: Theme.text
            clip: true
            maximumLength: 40
            activeFocusOnPress: scene.mode === "keyboard"
            inputMethodHints: Qt.ImhNoPredictiveText
            Component.onCompleted: text = Resident.query
            onTextChanged: if (text !== Resident.query) Resident.search(text)
            onPreeditTextChanged: Resident.search(text + preeditText)

            KText {
                anchors.verticalCenter: parent.verticalCenter
                visible: input.text === "" && input.preeditText === ""
                text: scene.mode === "pad" ? qsTr("请点字母") : qsTr("请用下方键盘输入")
                color: Theme.textMuted
            }
        }
        KButton {
            id: clearButton
            objectName: "clearQuery"
            visible: input.text !== ""
            anchors.right: parent.right
            anchors.rightMargin: 12
            anchors.verticalCenter: parent.verticalCenter
            kind: "ghost"
            icon: ClearIcon {}
            text: qsTr("清空")
            fontSize: Theme.fontSmall
            onClicked: Resident.search("")
        }
    }

    Connections {
        target: Resident
        function onQuery_changed() {
            if (input.text !== Resident.query && input.preeditText === "")
                input.text = Resident.query;
        }
    }

    // Results (or theme suggestions when nothing matched).
    Item {
        id: resultsArea
        anchors.top: queryBox.bottom
        anchors.topMargin: Theme.gap
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        width: queryBox.width
        anchors.bottom: Theme.portrait ? keyboardArea.top : parent.bottom
        anchors.bottomMargin: Theme.gap

        KText {
            id: countLabel
            objectName: "resultCount"
            text: Resident.query === "" ? qsTr("热门事项")
                : qsTr("找到 %1 项").arg(SearchResults.matchCount)  // closest items are no matches
            color: Theme.textMuted
            size: Theme.fontSmall
        }

        ListView {
            id: results
            // No current item on a touch screen. With one, the view's default highlight animates
            // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
            currentIndex: -1
            highlightFollowsCurrentItem: false
            objectName: "resultsList"
            anchors.top: countLabel.bottom
            anchors.topMargin: Theme.gapSmall
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.rightMargin: Theme.gapSmall
            anchors.bottom: parent.bottom
            clip: true
            spacing: Theme.gapSmall
            boundsBehavior: Flickable.StopAtBounds
            // The model resets on every key press; delegates created ahead asynchronously
            // would be cancelled mid-way (Qt warns "DelegateModel::cancel: index out range").
            cacheBuffer: 0
            visible: !Resident.noResults
            model: Resident.resultsModel
            // nothing matched: the closest items come under their own heading (ClosestHeading)
            header: SearchResults.closest ? closestHeading : null
            delegate: ItemRow {
                width: results.width
                onActivated: (code) => Resident.openItem(code)
            }
        }
        Component {
            id: closestHeading
            ClosestHeading { width: results.width }
        }
        ScrollHint {
            flickable: results
            visible: results.visible && results.contentHeight > results.height + 1
        }

        Column {
            id: suggestions
            objectName: "noResults"
            visible: Resident.noResults
            anchors.top: countLabel.bottom
            anchors.topMargin: Theme.gap
            width: parent.width
            spacing: Theme.gap
            KText {
                width: parent.width
                text: qsTr("没有找到“%1”相关事项").arg(Resident.query.toUpperCase())
                size: Theme.fontHeading
                font.bold: true
                wrapMode: Text.Wrap
            }
            KText {
                width: parent.width
                text: qsTr("可以换个说法，或从下面的主题里找：")
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            Flow {
                width: parent.width
                spacing: Theme.gapSmall
                Repeater {
                    model: Resident.themesModel
                    delegate: KButton {
                        required property string label
                        objectName: "suggestTheme_" + label
                        text: label
                        onClicked: Resident.openTheme(label)
                    }
                }
            }
        }
    }

    // Keyboard: mode switch and either the initials pad or the virtual keyboard.
    Item {
        id: keyboardArea
        x: Theme.portrait ? Theme.margin : queryBox.x + queryBox.width + Theme.gap * 2
        width: Theme.portrait ? parent.width - 2 * Theme.margin : parent.width - x - Theme.margin
        y: Theme.portrait ? parent.height - height : topBar.height + Theme.margin
        height: Theme.portrait ? Math.round(parent.height * 0.42) : parent.height - y

        Row {
            id: modes
            spacing: Theme.gapSmall
            width: parent.width
            KButton {
                objectName: "modePad"
                width: (parent.width - Theme.gapSmall) / 2
                kind: scene.mode === "pad" ? "primary" : "secondary"
                text: qsTr("拼音首字母")
                onClicked: {
                    scene.mode = "pad";
                    input.focus = false;
                }
            }
            KButton {
                objectName: "modeKeyboard"
                width: (parent.width - Theme.gapSmall) / 2
                kind: scene.mode === "keyboard" ? "primary" : "secondary"
                text: qsTr("全键盘 拼音/ABC")
                onClicked: {
                    scene.mode = "keyboard";
                    input.forceActiveFocus();
                }
            }
        }

        InitialsPad {
            id: pad
            objectName: "initialsPad"
            visible: scene.mode === "pad"
            anchors.top: modes.bottom
            anchors.topMargin: Theme.gap
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Theme.gap
            onLetter: (key) => Resident.search(Resident.query + key)
            onBackspace: Resident.search(Resident.query.slice(0, -1))
            onClear: Resident.search("")
        }

        Loader {
            id: keyboard
            active: scene.mode === "keyboard"
            anchors.top: modes.bottom
            anchors.topMargin: Theme.gap
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            source: Qt.resolvedUrl("../controls/KeyboardPanel.qml")
        }
    }
}
