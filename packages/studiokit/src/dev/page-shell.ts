/*
 * The dev page's HTML and CSS, served as they are (no build step, no CDN: the page works offline).
 * Every control has a label; everything works from the keyboard (native links, buttons, inputs).
 * page/app.ts fills it in from the server's events.
 */

export const pageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>studiokit dev</title>
<link rel="stylesheet" href="/dev/app.css">
<link rel="icon" href="data:,">
</head>
<body>
<header>
  <h1>studiokit dev</h1>
  <nav aria-label="Flows"><ul id="flows"></ul></nav>
  <p id="clock" aria-live="polite"></p>
</header>
<div id="problem" role="alert" hidden></div>
<main>
  <section class="diagram" aria-labelledby="flow-title">
    <h2 id="flow-title">Flow</h2>
    <p id="flow-meta"></p>
    <div id="diagram"></div>
  </section>
  <section class="talk" aria-labelledby="talk-title">
    <h2 id="talk-title">Conversation</h2>
    <p class="row">
      <label for="channel">Channel</label>
      <select id="channel"></select>
      <button type="button" id="new-contact">New contact</button>
    </p>
    <p id="contact"></p>
    <ol id="bubbles" aria-label="Conversation so far" aria-live="polite"></ol>
    <form id="compose" class="row">
      <label for="message" id="message-label">Message</label>
      <input id="message" autocomplete="off">
      <button type="submit">Send</button>
    </form>
    <div id="voice" hidden>
      <div role="group" aria-label="Keypad" class="keypad" id="keypad"></div>
      <form id="speak" class="row">
        <label for="speech">Speech</label>
        <input id="speech" autocomplete="off">
        <button type="submit">Speak</button>
      </form>
      <button type="button" id="hangup">Hang up</button>
    </div>
    <form id="clock-form" class="row">
      <label for="advance">Advance the clock by (seconds)</label>
      <input id="advance" type="number" min="1" step="1" value="3600">
      <button type="submit">Advance time</button>
    </form>
    <p class="row">
      <label for="mocks">HTTP and Function answers</label>
      <select id="mocks"></select>
    </p>
    <form id="save" class="row">
      <label for="scenario-name">Scenario name</label>
      <input id="scenario-name" autocomplete="off">
      <button type="submit">Save as scenario</button>
    </form>
    <p id="saved" aria-live="polite"></p>
  </section>
  <section class="run" aria-labelledby="run-title">
    <h2 id="run-title">Execution</h2>
    <p id="status" aria-live="polite"></p>
    <h3 id="steps-title">Steps</h3>
    <ol id="steps" aria-labelledby="steps-title"></ol>
    <h3 id="context-title">Context</h3>
    <pre id="context" aria-labelledby="context-title" tabindex="0"></pre>
    <h3 id="notices-title">Notices</h3>
    <ul id="notices" aria-labelledby="notices-title"></ul>
  </section>
</main>
<script type="module" src="/dev/app.js"></script>
</body>
</html>
`;

export const pageCss = `:root { color-scheme: light; font: 14px/1.4 system-ui, sans-serif; color: #1f2328; }
body { margin: 0; background: #f6f8fa; }
header { display: flex; align-items: center; gap: 1.5rem; padding: 0.5rem 1rem; background: #fff; border-bottom: 1px solid #d0d7de; }
h1 { font-size: 1.1rem; margin: 0; }
h2 { font-size: 1rem; margin: 0 0 0.5rem; }
h3 { font-size: 0.9rem; margin: 1rem 0 0.25rem; }
nav ul { display: flex; gap: 0.75rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
nav a[aria-current="page"] { font-weight: 700; }
#clock { margin-left: auto; color: #57606a; }
#problem { background: #ffebe9; color: #82071e; border-bottom: 1px solid #cf222e; padding: 0.5rem 1rem; white-space: pre-wrap; font-family: ui-monospace, monospace; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr) minmax(18rem, 2fr); gap: 1rem; padding: 1rem; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.75rem; min-width: 0; }
#diagram { overflow: auto; max-height: 80vh; }
#diagram svg { display: block; max-width: 100%; height: auto; }
.node rect { fill: #fff; stroke: #8c959f; stroke-width: 1.5; rx: 6; }
.node .name { font-weight: 700; font-size: 13px; }
.node .type, .node .detail { font-size: 11px; fill: #57606a; }
.node.visited rect { fill: #ddf4ff; stroke: #0969da; }
.node.current rect { fill: #fff8c5; stroke: #9a6700; stroke-width: 3; }
.edge path { fill: none; stroke: #8c959f; stroke-width: 1.5; }
.edge text { font-size: 11px; fill: #57606a; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
.edge.taken path { stroke: #0969da; stroke-width: 3; }
.edge.taken text { fill: #0969da; font-weight: 700; }
.row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
.row input { flex: 1; min-width: 6rem; }
#bubbles { list-style: none; padding: 0; margin: 0.75rem 0; display: flex; flex-direction: column; gap: 0.4rem; max-height: 40vh; overflow: auto; }
.bubble { max-width: 80%; padding: 0.4rem 0.7rem; border-radius: 12px; white-space: pre-wrap; }
.bubble.flow { align-self: flex-start; background: #eaeef2; }
.bubble.contact { align-self: flex-end; background: #0969da; color: #fff; }
.bubble.note { align-self: center; background: none; color: #57606a; font-style: italic; }
.keypad { display: grid; grid-template-columns: repeat(3, 3rem); gap: 0.25rem; margin: 0.5rem 0; }
#steps { padding-left: 1.25rem; }
#steps li { margin: 0.15rem 0; }
#steps button { background: none; border: none; padding: 0.1rem 0; text-align: left; cursor: pointer; color: #0969da; font: inherit; }
#steps button[aria-pressed="true"] { font-weight: 700; }
#context { background: #f6f8fa; padding: 0.5rem; max-height: 40vh; overflow: auto; font-size: 12px; }
:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
`;
