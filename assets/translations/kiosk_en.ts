<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/qml/AttractScreen.qml" line="30"/>
        <source>穗</source>
        <translation>穗</translation>
    </message>
    <message>
        <location filename="../../ui/qml/AttractScreen.qml" line="40"/>
        <source>政务服务自助终端</source>
        <translation>Government Self-Service Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/AttractScreen.qml" line="50"/>
        <source>查办事指南 · 扫码手机办 · 长辈模式大字显示</source>
        <translation>Service guides · Continue on your phone · Large text for seniors</translation>
    </message>
    <message>
        <location filename="../../ui/qml/AttractScreen.qml" line="67"/>
        <source>轻触屏幕 开始办事</source>
        <translation>Touch to start</translation>
    </message>
    <message>
        <location filename="../../ui/qml/AttractScreen.qml" line="83"/>
        <source>Touch the screen to start</source>
        <translation>轻触屏幕开始</translation>
    </message>
</context>
<context>
    <name>BrowseScene</name>
    <message>
        <location filename="../../ui/qml/BrowseScene.qml" line="19"/>
        <source>共 %1 项，点击查看办事指南</source>
        <translation>%1 services — tap one for its guide</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../ui/controller.py" line="486"/>
        <source>该事项已不在目录中</source>
        <translation>This service is no longer listed</translation>
    </message>
    <message>
        <location filename="../../ui/controller.py" line="586"/>
        <source>本机暂不支持打印</source>
        <translation>This kiosk cannot print</translation>
    </message>
    <message>
        <location filename="../../ui/controller.py" line="606"/>
        <source>抱歉，刚才出了点问题，已返回首页</source>
        <translation>Sorry, something went wrong. Back to the start.</translation>
    </message>
</context>
<context>
    <name>HomeHeader</name>
    <message>
        <location filename="../../ui/qml/HomeHeader.qml" line="26"/>
        <source>穗</source>
        <translation>穗</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomeHeader.qml" line="40"/>
        <source>政务服务自助终端</source>
        <translation>Government Self-Service Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomeHeader.qml" line="47"/>
        <source>自助办 · 查指南 · 扫码手机办</source>
        <translation>Self-service · Guides · Continue on your phone</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomeHeader.qml" line="97"/>
        <source>长辈模式</source>
        <translation>Large text</translation>
    </message>
</context>
<context>
    <name>HomeScene</name>
    <message>
        <location filename="../../ui/qml/HomeScene.qml" line="53"/>
        <source>主题服务</source>
        <translation>Services by topic</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomeScene.qml" line="54"/>
        <source>按生活事项找</source>
        <translation>Find by life event</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomeScene.qml" line="98"/>
        <source>部门服务</source>
        <translation>By department</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomeScene.qml" line="99"/>
        <source>左右滑动查看更多 ›</source>
        <translation>Swipe for more ›</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomeScene.qml" line="151"/>
        <source>热门事项</source>
        <translation>Popular services</translation>
    </message>
    <message>
        <location filename="../../ui/qml/HomeScene.qml" line="152"/>
        <source>大家都在办</source>
        <translation>Most used</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/qml/IdleOverlay.qml" line="37"/>
        <source>还在使用吗？</source>
        <translation>Still there?</translation>
    </message>
    <message>
        <location filename="../../ui/qml/IdleOverlay.qml" line="64"/>
        <source>为保护您的隐私，%1 秒后将清除本次查询并返回首页</source>
        <translation>To protect your privacy, this search will be cleared in %1 s</translation>
    </message>
    <message>
        <location filename="../../ui/qml/IdleOverlay.qml" line="77"/>
        <source>继续使用</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../ui/qml/IdleOverlay.qml" line="84"/>
        <source>结束并返回</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>InitialsPad</name>
    <message>
        <location filename="../../ui/qml/InitialsPad.qml" line="57"/>
        <source>删除一个字母</source>
        <translation>Delete one letter</translation>
    </message>
    <message>
        <location filename="../../ui/qml/InitialsPad.qml" line="66"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <location filename="../../ui/qml/ItemRow.qml" line="78"/>
        <source>暂停办理</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemRow.qml" line="79"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemRow.qml" line="80"/>
        <source>本机可办</source>
        <translation>At this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemRow.qml" line="80"/>
        <source>查看指南</source>
        <translation>See guide</translation>
    </message>
</context>
<context>
    <name>ItemScene</name>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="13"/>
        <source>%1 个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="24"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="54"/>
        <location filename="../../ui/qml/ItemScene.qml" line="161"/>
        <source>打印办事指南</source>
        <translation>Print the guide</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="96"/>
        <source>✓ 可在本机办理</source>
        <translation>✓ Can be done at this kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="96"/>
        <source>需到窗口或网上办理</source>
        <translation>At a counter or online</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="107"/>
        <source>服务对象：%1</source>
        <translation>For: %1</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="127"/>
        <source>，请咨询窗口工作人员</source>
        <translation>. Please ask at a service counter.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="169"/>
        <source>办理条件</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="184"/>
        <source>申请材料</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="196"/>
        <source>办理流程</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="235"/>
        <source>时限与收费</source>
        <translation>Time and fees</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="236"/>
        <source>办件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="237"/>
        <source>法定时限</source>
        <translation>Legal time limit</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="238"/>
        <source>承诺时限</source>
        <translation>Promised time</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="239"/>
        <source>跑动次数</source>
        <translation>Visits needed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="239"/>
        <source>%1 次</source>
        <translation>%1 visit(s)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="240"/>
        <source>收费标准</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="245"/>
        <source>咨询与办理地点</source>
        <translation>Contact and location</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="246"/>
        <source>咨询电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="247"/>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="248"/>
        <source>办理时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/qml/ItemScene.qml" line="249"/>
        <source>温馨提示</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>KeyFacts</name>
    <message>
        <location filename="../../ui/qml/KeyFacts.qml" line="12"/>
        <source>承诺 %1 个工作日</source>
        <translation>Within %1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/qml/KeyFacts.qml" line="14"/>
        <source>当场办结</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <location filename="../../ui/qml/KeyFacts.qml" line="16"/>
        <source>法定 %1 个工作日</source>
        <translation>By law within %1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/qml/KeyFacts.qml" line="32"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../ui/qml/KeyFacts.qml" line="33"/>
        <source>跑动次数</source>
        <translation>Visits needed</translation>
    </message>
    <message>
        <location filename="../../ui/qml/KeyFacts.qml" line="33"/>
        <source>%1 次</source>
        <translation>%1 visit(s)</translation>
    </message>
    <message>
        <location filename="../../ui/qml/KeyFacts.qml" line="34"/>
        <source>收费</source>
        <translation>Fee</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/qml/Main.qml" line="19"/>
        <source>政务服务自助终端</source>
        <translation>Government Self-Service Kiosk</translation>
    </message>
</context>
<context>
    <name>MaterialCard</name>
    <message>
        <location filename="../../ui/qml/MaterialCard.qml" line="38"/>
        <source>必须</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/qml/MaterialCard.qml" line="38"/>
        <source>视情况</source>
        <translation>If applicable</translation>
    </message>
    <message>
        <location filename="../../ui/qml/MaterialCard.qml" line="45"/>
        <source>%1 份</source>
        <translation>%1 cop(ies)</translation>
    </message>
</context>
<context>
    <name>OutOfService</name>
    <message>
        <location filename="../../ui/qml/OutOfService.qml" line="38"/>
        <source>本终端暂停服务</source>
        <translation>This kiosk is out of service</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OutOfService.qml" line="47"/>
        <source>事项目录正在维护，请到人工服务窗口办理，或稍后再试。给您带来不便，敬请谅解。</source>
        <translation>The service catalogue is being maintained. Please visit a service counter or try again later. We apologise for the inconvenience.</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OutOfService.qml" line="57"/>
        <source>Out of service. Please visit a service counter.</source>
        <translation>请到人工服务窗口办理。</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OutOfService.qml" line="75"/>
        <source>终端编号 %1 · %2</source>
        <translation>Kiosk ID %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/OutOfService.qml" line="76"/>
        <source>终端编号 %1</source>
        <translation>Kiosk ID %1</translation>
    </message>
</context>
<context>
    <name>QrCard</name>
    <message>
        <location filename="../../ui/qml/QrCard.qml" line="48"/>
        <source>扫码在手机上继续办理</source>
        <translation>Scan to continue on your phone</translation>
    </message>
    <message>
        <location filename="../../ui/qml/QrCard.qml" line="59"/>
        <source>用微信或粤省事扫一扫</source>
        <translation>Use WeChat or 粤省事 to scan</translation>
    </message>
    <message>
        <location filename="../../ui/qml/QrCard.qml" line="70"/>
        <source>该事项暂无网上办理地址，请到窗口办理</source>
        <translation>No online address: please visit a service counter</translation>
    </message>
</context>
<context>
    <name>SceneHeader</name>
    <message>
        <location filename="../../ui/qml/SceneHeader.qml" line="25"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SceneHeader.qml" line="65"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>SearchEntry</name>
    <message>
        <location filename="../../ui/qml/SearchEntry.qml" line="32"/>
        <source>搜索事项，可输入拼音首字母，如 sbcx</source>
        <translation>Search services, e.g. pinyin initials sbcx</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchEntry.qml" line="50"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>SearchScene</name>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="20"/>
        <source>搜索事项</source>
        <translation>Search services</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="21"/>
        <source>点字母输入拼音首字母，例如 社保查询 → SBCX</source>
        <translation>Tap letters for pinyin initials, e.g. 社保查询 → SBCX</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="69"/>
        <source>请点字母</source>
        <translation>Tap the letters</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="69"/>
        <source>请用下方键盘输入</source>
        <translation>Type with the keyboard below</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="84"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="112"/>
        <source>热门事项</source>
        <translation>Popular services</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="113"/>
        <source>找到 %1 项</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="160"/>
        <source>没有找到“%1”相关事项</source>
        <translation>Nothing found for “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="169"/>
        <source>可以换个说法，或从下面的主题里找：</source>
        <translation>Try other words, or pick a topic below:</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="207"/>
        <source>拼音首字母</source>
        <translation>Pinyin initials</translation>
    </message>
    <message>
        <location filename="../../ui/qml/SearchScene.qml" line="217"/>
        <source>全键盘 拼音/ABC</source>
        <translation>Full keyboard Pinyin/ABC</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/qml/StatusBar.qml" line="41"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/qml/StatusBar.qml" line="41"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/qml/StatusBar.qml" line="50"/>
        <source>数据版本 %1 · %2</source>
        <translation>Data version %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/StatusBar.qml" line="59"/>
        <source>示例数据</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <location filename="../../ui/qml/StatusBar.qml" line="74"/>
        <source>终端 %1 · %2</source>
        <translation>Kiosk %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/qml/StatusBar.qml" line="75"/>
        <source>终端 %1</source>
        <translation>Kiosk %1</translation>
    </message>
</context>
<context>
    <name>ThemeTile</name>
    <message>
        <location filename="../../ui/qml/ThemeTile.qml" line="56"/>
        <source>%1 项</source>
        <translation>%1 items</translation>
    </message>
</context>
</TS>
