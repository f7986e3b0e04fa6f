<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
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
</TS>
