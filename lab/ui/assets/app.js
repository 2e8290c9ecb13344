"use strict";
// pglab ui: one EventSource per watched lab; every drawing comes from the
// server's events (view, lab, load, action, step), never from polling.
(function () {
  const W = JSON.parse(document.getElementById("words").textContent);
  const q = new URLSearchParams(location.search);
  const token = q.get("token") || "";
  const $ = (id) => document.getElementById(id);
  const NS = "http://www.w3.org/2000/svg";
  const FAULTS = ["stop", "kill", "pause", "partition", "switchover"];
  const ACTIONS = ["stop", "kill", "start", "pause", "resume", "partition", "heal"];
  // What the page saw, for whoever looks (the browser test reads it).
  const state = { lab: "", labInfo: null, view: null, load: [], actions: new Map(), marks: [], leaderLog: [] };
  window.pglab = state;
  let es = null;

  document.querySelectorAll("[data-w]").forEach((e) => { e.textContent = W[e.dataset.w] || e.dataset.w; });
  document.querySelectorAll("#langs a").forEach((a) => {
    a.addEventListener("click", () => { q.set("lang", a.dataset.lang); location.search = q.toString(); });
  });

  function el(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fmtBytes(n) {
    if (n < 0) return W.unknown;
    if (n < 1024) return n + " B";
    if (n < 1048576) return (n / 1024).toFixed(1) + " kB";
    return (n / 1048576).toFixed(1) + " MB";
  }
  function banner(text) { const b = $("banner"); b.hidden = !text; b.textContent = text || ""; }
  function cmdFor(action, node) {
    const name = /^[A-Za-z0-9_.-]+$/.test(state.lab) ? state.lab : "'" + state.lab + "'";
    return "pglab --name " + name + " " + action + (node ? " " + node : "");
  }

  // The lab picker: every lab there is; the URL's lab, or the server's choice, first.
  fetch("labs?token=" + encodeURIComponent(token)).then((r) => r.json()).then((a) => {
    const sel = $("lab");
    const labs = a.labs || [];
    if (!labs.length) { banner(W.no_labs); }
    for (const l of labs) sel.appendChild(new Option(l, l));
    const first = q.get("lab") && labs.includes(q.get("lab")) ? q.get("lab") : a.default;
    if (first) { sel.value = first; watch(first); }
    sel.addEventListener("change", () => { q.set("lab", sel.value); history.replaceState(null, "", "?" + q.toString()); watch(sel.value); });
  }).catch(() => banner(W.reconnecting));

  function watch(lab) {
    if (es) es.close();
    Object.assign(state, { lab: lab, labInfo: null, view: null, load: [], actions: new Map(), marks: [] });
    $("log").textContent = ""; $("step").hidden = true;
    draw(); chart();
    es = new EventSource("events?lab=" + encodeURIComponent(lab) + "&token=" + encodeURIComponent(token));
    es.onopen = () => { document.body.dataset.conn = "open"; $("conn").textContent = W.connected; if (!document.body.classList.contains("gone")) banner(""); };
    es.onerror = () => { document.body.dataset.conn = "lost"; $("conn").textContent = W.reconnecting; banner(W.reconnecting); };
    const on = (kind, f) => es.addEventListener(kind, (e) => f(JSON.parse(e.data)));
    on("lab", (e) => {
      state.labInfo = e;
      document.body.classList.toggle("gone", e.state !== "up");
      banner(e.state === "up" ? "" : W.lab_gone + (e.error ? " (" + e.error + ")" : ""));
      actionsPanel();
    });
    on("view", (v) => {
      const prev = state.view;
      state.view = v;
      draw();
      if (!prev || prev.dcs.leader !== v.dcs.leader) {
        state.leaderLog.push({ leader: v.dcs.leader, sampled: v.at, dcsAt: v.dcs_at, shown: Date.now() });
      }
    });
    on("load", (p) => { state.load.push(p); if (state.load.length > 120) state.load.shift(); chart(); actionsPanel(); });
    on("action", (a) => {
      const had = state.actions.has(a.id);
      state.actions.set(a.id, a);
      if (!had && FAULTS.includes(a.action)) state.marks.push({ at: a.at, label: a.action + " " + (a.node || "") });
      logList(); chart();
    });
    on("step", (s) => {
      if (s.fault && s.state === "running") state.marks.push({ at: s.at, label: s.title });
      $("step").hidden = false;
      $("step-n").textContent = s.n + "/" + s.of;
      $("step-title").textContent = s.title;
      $("step-state").textContent = "· " + s.state;
      $("step-scenario").textContent = s.scenario + (s.problem ? " — " + s.problem : "");
      $("step-cmd").textContent = s.command ? "$ " + s.command : "⏱ " + (s.wait || "");
      $("step-out").textContent = s.output || "";
      $("step-out").hidden = !s.output;
      chart();
    });
  }

  function post(action, node) {
    return fetch("action", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Pglab-Token": token },
      body: JSON.stringify({ lab: state.lab, action: action, node: node || "" }),
    }).then((r) => (r.ok ? r.json() : r.text().then((t) => { throw new Error(t); })))
      .catch((e) => { const li = document.createElement("li"); li.className = "failed"; li.textContent = action + " " + (node || "") + ": " + e.message; $("log").prepend(li); });
  }

  function button(label, action, node, same) {
    const b = document.createElement("button");
    b.textContent = label;
    b.dataset.action = action;
    if (node) b.dataset.node = node;
    const show = () => { $("same-cmd").textContent = same; };
    b.addEventListener("mouseenter", show);
    b.addEventListener("focus", show);
    b.addEventListener("click", () => post(action, node));
    return b;
  }

  function actionsPanel() {
    const box = $("actions");
    box.textContent = "";
    const info = state.labInfo;
    if (!info || info.state !== "up") return;
    for (const n of info.nodes || []) {
      const row = document.createElement("div");
      row.className = "row";
      const b = document.createElement("b"); b.textContent = n; row.appendChild(b);
      for (const a of ACTIONS) row.appendChild(button(W[a], a, n, cmdFor(a, n)));
      box.appendChild(row);
    }
    const row = document.createElement("div");
    row.className = "row";
    row.appendChild(button(W.switchover, "switchover", "", "curl -s -X POST http://…:8008/switchover -d '{\"leader\":…,\"candidate\":…}'"));
    const last = state.load[state.load.length - 1];
    const loading = !!(last && last.on);
    const lb = button(loading ? W.load_off : W.load_on, loading ? "load-off" : "load-on", "", "pglab --name " + state.lab + " psql --via haproxy -c 'insert into pglab_load …'");
    lb.classList.toggle("on", loading);
    lb.id = "load";
    row.appendChild(lb);
    box.appendChild(row);
  }

  function logList() {
    const ol = $("log");
    ol.textContent = "";
    const items = [...state.actions.values()].sort((a, b) => b.id - a.id);
    for (const a of items) {
      const li = document.createElement("li");
      li.className = a.state;
      li.dataset.action = a.action;
      const t = new Date(a.at).toLocaleTimeString();
      li.textContent = t + " " + (W[a.state] || a.state) + (a.seconds ? " " + a.seconds + W.seconds : "") + ": ";
      const c = document.createElement("code"); c.textContent = a.command; li.appendChild(c);
      if (a.error) li.appendChild(document.createTextNode(" — " + a.error));
      ol.appendChild(li);
    }
  }

  // The drawing: DCS members on top, HAProxy in the middle, the two
  // PostgreSQL nodes below; green arrows where HAProxy sends connections,
  // a blue dashed one for streaming replication.
  function draw() {
    const svg = $("lab-svg");
    svg.textContent = "";
    const v = state.view;
    document.body.dataset.leader = v ? v.dcs.leader : "";
    $("leader").textContent = v ? (v.dcs.error ? W.dcs_down : v.dcs.leader || W.no_leader) : "—";
    $("lease").textContent = v && v.dcs.leader && v.dcs.lease_ms > 0 ? "· " + W.lease_left + " " + Math.round(v.dcs.lease_ms / 1000) + " " + W.seconds : "";
    if (!v) return;
    const defs = el("defs", {});
    for (const [id, color] of [["ah-ok", "#1b8a3a"], ["ah-rep", "#2563eb"], ["ah-off", "#7a848e"]]) {
      const m = el("marker", { id: id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
      m.appendChild(el("path", { d: "M0,0 L10,5 L0,10 z", fill: color }));
      defs.appendChild(m);
    }
    svg.appendChild(defs);
    // DCS
    const ms = v.dcs.members;
    const dw = 120, gap = 20, dx0 = 400 - (ms.length * dw + (ms.length - 1) * gap) / 2;
    ms.forEach((m, i) => {
      const g = el("g", { class: "dcs" + (m.up ? "" : " down"), "data-member": m.name, "data-up": m.up });
      const x = dx0 + i * (dw + gap);
      g.appendChild(el("rect", { class: "box", x: x, y: 12, width: dw, height: 46, rx: 6 }));
      g.appendChild(el("text", { class: "name", x: x + 10, y: 32 }, m.name));
      g.appendChild(el("text", { class: "small", x: x + 10, y: 50 }, v.dcs.kind + " · " + (m.up ? W.member_up : W.member_down)));
      svg.appendChild(g);
    });
    // PostgreSQL nodes
    const pos = {};
    const nw = 250, nh = 112;
    v.nodes.forEach((n, i) => {
      const x = i === 0 ? 40 : 510, y = 300;
      pos[n.name] = { x: x, y: y, cx: x + nw / 2 };
      const role = n.primary ? "primary" : n.role === "replica" || n.role === "sync_standby" ? "replica" : n.reachable ? "other" : "down";
      const g = el("g", { class: "node " + role, "data-node": n.name, "data-role": n.primary ? "primary" : n.role || "", "data-leader": v.dcs.leader === n.name });
      g.appendChild(el("rect", { class: "box", x: x, y: y, width: nw, height: nh, rx: 8 }));
      g.appendChild(el("text", { class: "name", x: x + 12, y: y + 24 }, n.name + (v.dcs.leader === n.name ? "  ★ " + W.leader : "")));
      const roleText = n.primary ? W.leader : n.role === "replica" ? W.replica : n.reachable ? n.role : W.unreachable;
      g.appendChild(el("text", { class: "badge", x: x + 12, y: y + 46 }, roleText + (n.state ? " · " + n.state : "")));
      const tl = n.timeline ? W.timeline + " " + n.timeline : W.timeline + " ?";
      const lag = n.primary ? "" : " · " + W.lag + " " + (n.reachable ? fmtBytes(n.lag) : "?");
      g.appendChild(el("text", { class: "small", x: x + 12, y: y + 68 }, tl + lag));
      g.appendChild(el("text", { class: "small", x: x + 12, y: y + 90 }, n.writable ? W.writable : n.reachable ? W.read_only : "—"));
      svg.appendChild(g);
    });
    // HAProxy and its servers
    const hx = 300, hy = 140, hw = 200, hh = 62;
    const hg = el("g", { class: "haproxy" + (v.balancer.error ? " down" : ""), "data-balancer": v.balancer.name });
    hg.appendChild(el("rect", { class: "box", x: hx, y: hy, width: hw, height: hh, rx: 8 }));
    hg.appendChild(el("text", { class: "name", x: hx + 12, y: hy + 24 }, v.balancer.name || "haproxy"));
    hg.appendChild(el("text", { class: "small", x: hx + 12, y: hy + 46 }, v.balancer.error ? W.unreachable : "HAProxy · " + W.routes));
    svg.appendChild(hg);
    for (const s of v.balancer.servers || []) {
      const p = pos[s.node];
      if (!p) continue;
      const from = { x: p.cx < 400 ? hx + 30 : hx + hw - 30, y: hy + hh };
      const g = el("g", { class: "server", "data-server": s.name, "data-status": s.status, "data-up": s.up });
      g.appendChild(el("path", { class: "route" + (s.up ? "" : " off"), d: "M" + from.x + "," + from.y + " L" + p.cx + "," + (p.y - 4), "marker-end": s.up ? "url(#ah-ok)" : "url(#ah-off)" }));
      g.appendChild(el("text", { class: s.up ? "srv-up" : "srv-down", x: (from.x + p.cx) / 2 + (p.cx < 400 ? -60 : 12), y: (from.y + p.y) / 2 }, s.name + ": " + s.status));
      svg.appendChild(g);
    }
    // The leader key points at its holder.
    if (v.dcs.leader && pos[v.dcs.leader]) {
      const p = pos[v.dcs.leader];
      svg.appendChild(el("path", { class: "keyline", d: "M400,58 C400,100 " + (p.cx < 400 ? 120 : 680) + ",120 " + (p.cx < 400 ? p.x + 20 : p.x + nw - 20) + "," + p.y }));
      const lease = v.dcs.lease_ms > 0 ? " · " + Math.round(v.dcs.lease_ms / 1000) + " " + W.seconds : "";
      svg.appendChild(el("text", { class: "small", x: p.cx < 400 ? 60 : 560, y: 100 }, "⚷ " + W.leader_key + ": " + v.dcs.leader + lease));
    }
    // Streaming replication.
    for (const st of v.streams || []) {
      const a = pos[st.from], b = pos[st.to];
      if (!a || !b) continue;
      const y = 300 + nh / 2;
      const x1 = a.x < b.x ? a.x + nw : a.x, x2 = a.x < b.x ? b.x : b.x + nw;
      svg.appendChild(el("path", { class: "rep", "data-stream": st.from + ">" + st.to, d: "M" + x1 + "," + y + " L" + (x2 + (a.x < b.x ? -4 : 4)) + "," + y, "marker-end": "url(#ah-rep)" }));
      svg.appendChild(el("text", { class: "small", x: 400, y: y - 8, "text-anchor": "middle" }, W.streaming));
    }
  }

  // The load chart: the last two minutes, acknowledged writes a second as
  // a line, errors as red bars, faults as dashed lines.
  function chart() {
    const svg = $("chart");
    svg.textContent = "";
    const pts = state.load;
    const note = $("chart-note");
    const running = pts.length && pts[pts.length - 1].on;
    note.textContent = running ? W.writes_at.replace("%d", pts[pts.length - 1].rate) : pts.length ? "" : W.no_load;
    svg.style.display = pts.length ? "" : "none";
    if (!pts.length) return;
    const now = pts[pts.length - 1].at, span = 120000;
    const max = Math.max(10, ...pts.map((p) => Math.max(p.acked, p.failed)));
    const X = (t) => 40 + ((t - (now - span)) / span) * 750, Y = (n) => 150 - (n / max) * 130;
    svg.appendChild(el("line", { class: "axis", x1: 40, y1: 150, x2: 790, y2: 150 }));
    svg.appendChild(el("text", { class: "small", x: 2, y: Y(max) + 4 }, String(max)));
    svg.appendChild(el("text", { class: "small", x: 2, y: 154 }, "0"));
    const line = pts.filter((p) => p.on && p.at > now - span).map((p) => X(p.at).toFixed(1) + "," + Y(p.acked).toFixed(1)).join(" ");
    svg.appendChild(el("polyline", { class: "acked", points: line }));
    for (const p of pts) if (p.failed > 0 && p.at > now - span) svg.appendChild(el("rect", { class: "err", x: X(p.at) - 3, y: Y(p.failed), width: 6, height: 150 - Y(p.failed) }));
    for (const m of state.marks) {
      if (m.at < now - span) continue;
      svg.appendChild(el("line", { class: "fault", x1: X(m.at), y1: 14, x2: X(m.at), y2: 150 }));
      svg.appendChild(el("text", { class: "small", x: X(m.at) + 3, y: 24 }, W.fault + ": " + m.label));
    }
    svg.appendChild(el("text", { class: "small", x: 790, y: 166, "text-anchor": "end" }, "— " + W.acked + "   ▮ " + W.errors));
  }
})();
