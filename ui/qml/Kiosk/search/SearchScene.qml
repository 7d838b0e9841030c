pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Search: what was typed, live results, and the on-screen keyboard inside the scene.
Rectangle {
    id: scene

    // "pad": A–Z initials (default); "keyboard": Qt Virtual Keyboard (pinyin / English / 繁體);
    // "handwriting": the 手写 pad (offered only where Zinnia and its model are installed).
    property string mode: "pad"

    // Zinnia is looked for (off the GUI thread) when search first opens, not at start-up.
    Component.onCompleted: Handwriting.prepare()

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
             : Math.round((parent.width - 2 * Theme.margin) * (scene.mode === "keyboard" ? 0.4 : Theme.elder ? 0.45 : 0.52))
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
            Accessible.role: Accessible.EditableText
            Accessible.name: qsTr("搜索内容")
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
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
            Component.onCompleted: text = Resident.query
            onTextChanged: if (text !== Resident.query) Resident.search(text)
            // Pinyin's composition separates syllables ("she bao"): searched as typed ("shebao").
            // A 倉頡/注音 composition (radicals, bopomofo) means nothing until a character is chosen.
            onPreeditTextChanged: Resident.search(text + (/^[A-Za-z' ]*$/.test(preeditText)
                                                          ? preeditText.replace(/[ ']/g, "") : ""))
            // The keyboard's 搜索 (Enter) key: what was composed is committed first, then searched.
            onAccepted: Resident.search(text)

            KText {
                anchors.verticalCenter: parent.verticalCenter
                visible: input.text === "" && input.preeditText === ""
                text: scene.mode === "pad" ? qsTr("请点字母")
                    : scene.mode === "handwriting" ? qsTr("请在手写板上写字") : qsTr("请用下方键盘输入")
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
            // The rows change in place (no model reset): a new query's list starts at its top.
            if (!results.atYBeginning)
                results.positionViewAtBeginning();
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
            height: readButton.visible ? readButton.height : implicitHeight
            verticalAlignment: Text.AlignVCenter
            // Empty query: the short list home shows (热门 only when the list ranks it so); closest
            // items offered when nothing matched are no matches.
            text: Resident.query !== "" ? qsTr("找到 %1 项").arg(SearchResults.matchCount)
                : Resident.shortlist === "hot" ? qsTr("热门事项")
                : Resident.shortlist === "viewed" ? qsTr("本机常用事项")
                : qsTr("输入拼音首字母或汉字查找事项")
            color: Theme.textMuted
            size: Theme.fontSmall
        }
        ReadAloudButton {
            id: readButton
            objectName: "readAloudResults"
            anchors.right: parent.right
            anchors.rightMargin: Theme.gapSmall
            height: Theme.touchSmall
            fontSize: Theme.fontSmall
            what: "results"
        }

        ListView {
            id: results
            // No current item on a touch screen. With one, the view's default highlight animates
            // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
            currentIndex: -1
            highlightFollowsCurrentItem: false
            objectName: "resultsList"
            Accessible.role: Accessible.List
            Accessible.name: qsTr("搜索结果")
            anchors.top: countLabel.bottom
            anchors.topMargin: Theme.gapSmall
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.rightMargin: Theme.gapSmall
            anchors.bottom: parent.bottom
            clip: true
            spacing: Theme.gapSmall
            boundsBehavior: Flickable.StopAtBounds
            // Delegates only for the rows on screen: a key press changes the rows in place and
            // every delegate the view holds takes the new fields (rows made ahead would cost
            // each key, and one made asynchronously can be cancelled mid-way as rows go).
            cacheBuffer: 0
            visible: !Resident.noResults
            // room to scroll the last rows out from under the read-aloud caption
            bottomMargin: searchCaption.visible ? searchCaption.height : 0
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

        // Scrolls when the themes take more room than the keyboard leaves (portrait, elder mode).
        Flickable {
            id: suggestionsView
            // Also before anything is typed when there is no short list: the room goes to themes.
            readonly property bool browsing: Resident.query === "" && Resident.shortlist === "none"
            visible: Resident.noResults || browsing
            anchors.top: countLabel.bottom
            anchors.topMargin: Theme.gap
            anchors.bottom: parent.bottom
            width: parent.width
            contentHeight: suggestions.height
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Column {
                id: suggestions
                objectName: "noResults"
                width: parent.width
                spacing: Theme.gap
                KText {
                    visible: !suggestionsView.browsing
                    width: parent.width
                    text: qsTr("没有找到“%1”相关事项").arg(Resident.query.toUpperCase())
                    size: Theme.fontHeading
                    font.bold: true
                    wrapMode: Text.Wrap
                }
                // The hint names only what is drawn below it: themes, else departments.
                KText {
                    objectName: "noResultsHint"
                    width: parent.width
                    text: suggestionsView.browsing
                        ? (themeSuggestions.count > 0 ? qsTr("也可以从下面的主题里找：") : qsTr("也可以从下面的部门里找："))
                        : (themeSuggestions.count > 0 ? qsTr("可以换个说法，或从下面的主题里找：")
                                                      : qsTr("可以换个说法，或从下面的部门里找："))
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                Flow {
                    width: parent.width
                    spacing: Theme.gapSmall
                    Repeater {
                        id: themeSuggestions
                        model: Resident.themesModel
                        delegate: KButton {
                            required property string label
                            objectName: "suggestTheme_" + label
                            text: label
                            onClicked: Resident.openTheme(label)
                        }
                    }
                    Repeater {
                        model: themeSuggestions.count > 0 ? null : Resident.departmentsModel
                        delegate: KButton {
                            required property string label
                            objectName: "suggestDepartment_" + label
                            text: label
                            fontSize: Theme.fontSmall
                            onClicked: Resident.openDepartment(label)
                        }
                    }
                }
            }
        }
        ScrollHint {
            flickable: suggestionsView
            visible: suggestionsView.visible && suggestionsView.contentHeight > suggestionsView.height + 1
        }

        CaptionBar {
            id: searchCaption
            objectName: "captionBar"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
        }
    }

    // Keyboard: mode switch and either the initials pad or the virtual keyboard.
    Item {
        id: keyboardArea
        x: Theme.portrait ? Theme.margin : queryBox.x + queryBox.width + Theme.gap * 2
        width: Theme.portrait ? parent.width - 2 * Theme.margin : parent.width - x - Theme.margin
        y: Theme.portrait ? parent.height - height : topBar.height + Theme.margin
        height: Theme.portrait ? Math.round(parent.height * (Theme.elder ? 0.48 : 0.42)) : parent.height - y

        Row {
            id: modes
            spacing: Theme.gapSmall
            width: parent.width
            // Both as tall as the taller (a long label wraps onto two lines).
            readonly property real tallest: Math.max(modePad.implicitHeight, modeKeyboard.implicitHeight,
                                                     modeHandwriting.visible ? modeHandwriting.implicitHeight : 0)
            readonly property int count: Handwriting.available ? 3 : 2
            KButton {
                id: modePad
                objectName: "modePad"
                height: modes.tallest
                width: (parent.width - (modes.count - 1) * Theme.gapSmall) / modes.count
                kind: scene.mode === "pad" ? "primary" : "secondary"
                text: qsTr("拼音首字母")
                onClicked: {
                    scene.mode = "pad";
                    input.focus = false;
                }
            }
            KButton {
                id: modeKeyboard
                objectName: "modeKeyboard"
                height: modes.tallest
                width: (parent.width - (modes.count - 1) * Theme.gapSmall) / modes.count
                kind: scene.mode === "keyboard" ? "primary" : "secondary"
                text: qsTr("全键盘 拼音/ABC")
                onClicked: {
                    scene.mode = "keyboard";
                    input.forceActiveFocus();
                }
            }
            KButton {
                id: modeHandwriting
                objectName: "modeHandwriting"
                visible: Handwriting.available
                height: modes.tallest
                width: (parent.width - (modes.count - 1) * Theme.gapSmall) / modes.count
                kind: scene.mode === "handwriting" ? "primary" : "secondary"
                text: qsTr("手写")
                onClicked: {
                    scene.mode = "handwriting";
                    input.focus = false;
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
            // By URL, set up here: compiling KeyboardPanel loads Qt Virtual Keyboard, which waits
            // for the first tap on 全键盘.
            Component.onCompleted: setSource(Qt.resolvedUrl("../controls/KeyboardPanel.qml"),
                                             { target: input, searchKey: true })
        }

        Loader {
            id: handwriting
            objectName: "handwritingLoader"
            active: scene.mode === "handwriting" && Handwriting.available
            anchors.top: modes.bottom
            anchors.topMargin: Theme.gap
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Theme.gap
            sourceComponent: HandwritingPad {}
        }
    }
}
