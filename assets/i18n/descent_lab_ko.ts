<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>PNG snapshot of the current frame</source>
        <translation>현재 프레임의 PNG 스냅숏</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>사용자 지정</translation>
    </message>
    <message>
        <source>from</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>to</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>every</source>
        <translation>간격</translation>
    </message>
    <message>
        <source>Include the readouts (loss and |gradient| versus step)</source>
        <translation>판독 그래프 포함 (단계별 손실과 |기울기|)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>초당 프레임 수</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>step {step} (the current frame), {w}×{h}</source>
        <translation>단계 {step} (현재 프레임), {w}×{h}</translation>
    </message>
    <message>
        <source>{n} PNG files, {w}×{h}</source>
        <translation>PNG 파일 {n}개, {w}×{h}</translation>
    </message>
    <message>
        <source>{n} frames, {seconds} s at {fps} fps, {w}×{h}</source>
        <translation>{n} 프레임, {fps} fps로 {seconds}초, {w}×{h}</translation>
    </message>
    <message>
        <source>choose where to export to</source>
        <translation>내보낼 위치를 고르세요</translation>
    </message>
    <message>
        <source>{path}: the name does not match the chosen kind ({kind}); use {suffix}</source>
        <translation>{path}: 이름이 고른 형식({kind})과 맞지 않습니다. {suffix}를 쓰세요</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>PNG 프레임을 저장할 폴더</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>내보낼 위치</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>바꿀까요?</translation>
    </message>
    <message>
        <source>{path} already exists.
Replace it?</source>
        <translation>{path}이(가) 이미 있습니다.
바꿀까요?</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>{name} 내보내는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>{path}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>내보내기를 취소했습니다. 아무것도 저장하지 않았습니다</translation>
    </message>
    <message>
        <source>Export trajectory data</source>
        <translation>궤적 데이터 내보내기</translation>
    </message>
    <message>
        <source>Cannot export trajectory data</source>
        <translation>궤적 데이터를 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>save the plot as PNG, a PNG sequence, an animated GIF or MP4</source>
        <translation>그림을 PNG, PNG 연속 이미지, 움직이는 GIF 또는 MP4로 저장합니다</translation>
    </message>
    <message>
        <source>Export &amp;trajectory data…</source>
        <translation>궤적 데이터 내보내기(&amp;T)…</translation>
    </message>
    <message>
        <source>save every racer&apos;s points, loss, |g|, lr as JSON or CSV</source>
        <translation>모든 경주자의 점, 손실, |g|, lr을 JSON 또는 CSV로 저장합니다</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No font for Korean and Chinese characters was found, so they may show as boxes. Install one, e.g. &apos;sudo apt install fonts-noto-cjk&apos; (or fonts-wqy-microhei).</source>
        <translation>한글과 한자를 표시할 글꼴을 찾지 못해 글자가 네모로 보일 수 있습니다. 글꼴을 설치하세요. 예: &apos;sudo apt install fonts-noto-cjk&apos; (또는 fonts-wqy-microhei)</translation>
    </message>
    <message>
        <source>Descent Lab will use {language} the next time it starts.</source>
        <translation>다음에 Descent Lab을 시작하면 {language}(으)로 표시됩니다.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>not enough memory for this request (use fewer steps, start points or a smaller size)</source>
        <translation>이 요청을 처리할 메모리가 부족합니다 (단계 수, 시작점 수 또는 크기를 줄이세요)</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>중단됨</translation>
    </message>
    <message>
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>descent-lab: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window cannot open. Headless alternatives: &apos;descent-lab run --scenario NAME&apos; (numbers as JSON) or &apos;descent-lab render --scenario NAME --out lesson.gif&apos; (images).</source>
        <translation>descent-lab: 디스플레이를 찾지 못해 (DISPLAY와 WAYLAND_DISPLAY가 설정되지 않음) 창을 열 수 없습니다. 화면 없이 쓰는 방법: &apos;descent-lab run --scenario NAME&apos; (수치를 JSON으로) 또는 &apos;descent-lab render --scenario NAME --out lesson.gif&apos; (이미지).</translation>
    </message>
    <message>
        <source>cannot load: {reason}</source>
        <translation>불러올 수 없음: {reason}</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>LESSON</source>
        <translation>단원</translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation>제목</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>PNG snapshot</source>
        <translation>PNG 스냅숏</translation>
    </message>
    <message>
        <source>PNG frame sequence</source>
        <translation>PNG 프레임 연속 이미지</translation>
    </message>
    <message>
        <source>animated GIF</source>
        <translation>움직이는 GIF</translation>
    </message>
    <message>
        <source>MP4 video (H.264)</source>
        <translation>MP4 동영상 (H.264)</translation>
    </message>
</context>
</TS>
