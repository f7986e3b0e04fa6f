<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Language</name>
    <message>
        <source>No font for Korean and Chinese characters was found, so they may show as boxes. Install one, e.g. &apos;sudo apt install fonts-noto-cjk&apos; (or fonts-wqy-microhei).</source>
        <translation>未找到可显示中文和韩文字符的字体，这些字符可能显示为方框。请安装一个字体，例如 &apos;sudo apt install fonts-noto-cjk&apos;（或 fonts-wqy-microhei）。</translation>
    </message>
    <message>
        <source>Descent Lab will use {language} the next time it starts.</source>
        <translation>Descent Lab 下次启动时将使用{language}。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>not enough memory for this request (use fewer steps, start points or a smaller size)</source>
        <translation>内存不足，无法完成此请求（请减少步数、起始点数量或图像尺寸）</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>descent-lab: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window cannot open. Headless alternatives: &apos;descent-lab run --scenario NAME&apos; (numbers as JSON) or &apos;descent-lab render --scenario NAME --out lesson.gif&apos; (images).</source>
        <translation>descent-lab：未找到显示器（DISPLAY 和 WAYLAND_DISPLAY 均未设置），无法打开窗口。无界面的替代方式：&apos;descent-lab run --scenario NAME&apos;（以 JSON 输出数值）或 &apos;descent-lab render --scenario NAME --out lesson.gif&apos;（输出图像）。</translation>
    </message>
    <message>
        <source>cannot load: {reason}</source>
        <translation>无法加载：{reason}</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>LESSON</source>
        <translation>课</translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation>标题</translation>
    </message>
</context>
</TS>
