<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG snapshot of the current frame</source>
        <translation>当前帧的 PNG 快照</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Include the readouts (loss and |gradient| versus step)</source>
        <translation>包含读数图（随步数变化的损失和 |梯度|）</translation>
    </message>
    <message>
        <source>To</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>step {step} (the current frame), {w}×{h}</source>
        <translation>第 {step} 步（当前帧），{w}×{h}</translation>
    </message>
    <message>
        <source>{n} PNG files, {w}×{h}</source>
        <translation>{n} 个 PNG 文件，{w}×{h}</translation>
    </message>
    <message>
        <source>{n} frames, {seconds} s at {fps} fps, {w}×{h}</source>
        <translation>{n} 帧，{fps} fps 下 {seconds} 秒，{w}×{h}</translation>
    </message>
    <message>
        <source>choose where to export to</source>
        <translation>请选择导出位置</translation>
    </message>
    <message>
        <source>{path}: the name does not match the chosen kind ({kind}); use {suffix}</source>
        <translation>{path}：文件名与所选类型（{kind}）不符；请使用 {suffix}</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>存放 PNG 帧的文件夹</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>替换？</translation>
    </message>
    <message>
        <source>{path} already exists.
Replace it?</source>
        <translation>{path} 已存在。
要替换它吗？</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>正在导出 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>已取消导出；未写入任何内容</translation>
    </message>
    <message>
        <source>Export trajectory data</source>
        <translation>导出轨迹数据</translation>
    </message>
    <message>
        <source>Cannot export trajectory data</source>
        <translation>无法导出轨迹数据</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>save the plot as PNG, a PNG sequence, an animated GIF or MP4</source>
        <translation>将图保存为 PNG、PNG 序列、GIF 动画或 MP4</translation>
    </message>
    <message>
        <source>Export &amp;trajectory data…</source>
        <translation>导出轨迹数据(&amp;T)…</translation>
    </message>
    <message>
        <source>save every racer&apos;s points, loss, |g|, lr as JSON or CSV</source>
        <translation>将每个选手的点、损失、|g|、lr 保存为 JSON 或 CSV</translation>
    </message>
</context>
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
<context>
    <name>export</name>
    <message>
        <source>PNG snapshot</source>
        <translation>PNG 快照</translation>
    </message>
    <message>
        <source>PNG frame sequence</source>
        <translation>PNG 帧序列</translation>
    </message>
    <message>
        <source>animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>MP4 video (H.264)</source>
        <translation>MP4 视频（H.264）</translation>
    </message>
</context>
</TS>
