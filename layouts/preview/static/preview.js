// planbook serve: polls /api/status; when the version moves, fetches the
// page list and the findings and updates the page in place. A page image is
// swapped only when its URL (which carries its content hash) changed, so the
// reader's scroll position stays where it was.
"use strict";

const POLL_MS = 500;
const OFFLINE_POLL_MS = 2000;
const WORDS = {
  building: "組み直しています…",
  ok: "最新",
  starting: "組版しています…",
  "load-failed": "読み込めません",
  failed: "組めませんでした",
  offline: "サーバーに接続できません（planbook serve を止めましたか？）",
};

let shown = null;          // the version on screen
let pages = [];            // the page list on screen
let spreadOf = new Map();  // page number -> spread index
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function getJSON(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

async function poll() {
  let wait = POLL_MS;
  try {
    const status = await getJSON("/api/status");
    showStatus(status);
    if (status.version !== shown && status.version > 0) {
      const [list, findings] = await Promise.all([getJSON("/api/pages"), getJSON("/api/findings")]);
      showPages(list, status);
      showFindings(findings);
      showCaptions(list, findings);
      if (shown === null && location.hash) jump(location.hash.slice(1), false);
      shown = list.version;
    }
  } catch (e) {
    $("state").textContent = WORDS.offline;
    $("state").className = "state offline";
    wait = OFFLINE_POLL_MS;
  }
  setTimeout(poll, wait);
}

function showStatus(s) {
  const state = $("state");
  state.textContent = s.building ? WORDS.building : (WORDS[s.state] || s.state);
  state.className = "state" + (s.building ? " building" : "");
  const errors = $("errors"), warnings = $("warnings");
  errors.hidden = s.version === 0;
  warnings.hidden = s.version === 0;
  errors.textContent = `エラー ${s.errors} 件`;
  warnings.textContent = `警告 ${s.warnings} 件`;
  $("meta").textContent = s.version ? `版 ${s.version}・${s.pages} ページ・${s.seconds} 秒` : "";
  if (s.title) $("title").textContent = `プレビュー　${s.title}`;
  document.body.classList.toggle("stale", !!s.stale);
  $("stale-label").hidden = !s.stale;
}

// -- pages ---------------------------------------------------------------------

function showPages(list, status) {
  const box = $("spreads");
  const byNumber = new Map(list.pages.map((p) => [p.number, p]));
  spreadOf = new Map();
  list.spreads.forEach((pair, i) => pair.forEach((n) => n && spreadOf.set(n, i)));
  list.spreads.forEach((pair, i) => {
    let spread = box.children[i];
    if (!spread) {
      const sheet = el("div", { class: "sheet" }, el("div"), el("div"));
      spread = el("section", { class: "spread", id: `spread-${i}` }, el("div", { class: "caption" }), sheet);
      box.append(spread);
    }
    const sheet = spread.querySelector(".sheet");
    pair.forEach((n, side) => showPage(sheet.children[side], byNumber.get(n), side));
  });
  while (box.children.length > list.spreads.length) box.lastChild.remove();
  pages = list.pages;
  $("empty").hidden = list.pages.length > 0;
  if (!list.pages.length && status.state !== "starting") {
    $("empty").textContent = "まだ組めたページがありません。";
  }
  showNav(list.nav);
  showNotice(status);
}

// above each spread: its folios, what starts on it, and its findings
function showCaptions(list, findings) {
  const box = $("spreads");
  list.spreads.forEach((pair, i) => {
    const caption = box.children[i].querySelector(".caption");
    const here = pair.filter((n) => n).map((n) => pages.find((p) => p.number === n)).filter((p) => p);
    const folios = here.every((p) => p.folio) ? "p." + here.map((p) => p.folio).join("–")
      : here.map((p) => p.folio ? `p.${p.folio}` : pageName(p)).join("・");
    const parts = [el("span", { class: "folios", text: folios })];
    for (const e of list.nav) {
      if (e.page !== null && spreadOf.get(e.page) === i && e.level !== 3) {
        parts.push(el("span", { class: "what", text: `${e.label}${e.title ? " " + e.title : ""}` }));
      }
    }
    for (const g of findings.groups) {
      if (g.page === null || spreadOf.get(g.page) !== i) continue;
      const words = [];
      if (g.counts.error) words.push(`エラー ${g.counts.error}`);
      if (g.counts.warning) words.push(`警告 ${g.counts.warning}`);
      if (g.counts.info) words.push(`参考 ${g.counts.info}`);
      const a = el("a", { href: `#group-${g.key}`, class: g.counts.error ? "marks error" : "marks",
                          title: g.heading, text: words.join("・") + " 件" });
      a.addEventListener("click", (ev) => { ev.preventDefault(); showGroup(g.key); });
      parts.push(a);
    }
    caption.replaceChildren(...parts);
  });
}

function showGroup(key) {
  const group = document.getElementById(`group-${key}`);
  if (!group) return;
  group.scrollIntoView({ block: "start" });
  group.classList.remove("flash");
  void group.offsetWidth;       // restart the animation
  group.classList.add("flash");
}

function showPage(slot, page, side) {
  const where = side === 0 ? "left" : "right";
  if (!page) {
    slot.className = `page none ${where}`;
    slot.replaceChildren();
    return;
  }
  slot.className = `page ${where}`;
  slot.id = `page-${page.number}`;
  slot.style.aspectRatio = `${page.width} / ${page.height}`;
  let img = slot.querySelector("img");
  if (!img) {
    img = el("img", { alt: "" });
    slot.replaceChildren(img);
  }
  img.alt = page.folio ? `${page.folio} ページ` : pageName(page);
  if (img.getAttribute("src") !== page.image) swap(img, page.image);
}

function pageName(page) {
  return page.number === 1 ? "表紙" : "表紙の裏";
}

function swap(img, url) {
  // load the new image first: the old one stays until the new one can be drawn
  const next = new Image();
  next.src = url;
  next.decode().catch(() => {}).then(() => {
    img.src = url;
  });
}

// -- notices (load errors, failures) ------------------------------------------------

function showNotice(status) {
  const box = $("notice");
  if (status.state === "ok" || status.state === "starting") {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  box.replaceChildren(el("p", { text: status.message }));
}

function showLoadErrors(findings) {
  if (findings.state !== "load-failed") return;
  const list = el("ul");
  for (const g of findings.groups) {
    for (const f of g.findings) {
      list.append(el("li", {}, el("span", { class: "where", text: f.where }), f.message));
    }
  }
  $("notice").append(list);
}

// -- navigation ----------------------------------------------------------------

function showNav(nav) {
  const list = $("nav");
  const scroll = list.parentElement.scrollTop;
  list.replaceChildren(...nav.map((e) => {
    const page = pages.find((p) => p.number === e.page);
    const a = el("a", { href: `#${e.anchor}`, "data-anchor": e.anchor },
      el("span", { class: "name" }, el("span", { class: "label", text: e.label }), e.title || ""),
      page && page.folio ? el("span", { class: "folio", text: `p.${page.folio}` }) : null);
    a.addEventListener("click", (ev) => { ev.preventDefault(); jump(e.anchor); });
    return el("li", { class: `level-${e.level}` }, a);
  }));
  list.parentElement.scrollTop = scroll;
  markCurrent();
}

function pageOf(anchor) {
  if (anchor.startsWith("page-")) return Number(anchor.slice(5));
  const page = pages.find((p) => p.anchors.includes(anchor));
  return page ? page.number : null;
}

function jump(anchor, remember = true) {
  const number = pageOf(anchor);
  if (number === null || !spreadOf.has(number)) return;
  document.querySelectorAll(".page.target").forEach((p) => p.classList.remove("target"));
  // to the top of the view, below the notices that stay there
  const spread = $(`spread-${spreadOf.get(number)}`);
  const view = spread.closest("main");
  const alerts = document.querySelector(".alerts").getBoundingClientRect();
  const below = Math.max(view.getBoundingClientRect().top, alerts.bottom);
  view.scrollTop += spread.getBoundingClientRect().top - below - 8;
  const page = $(`page-${number}`);
  if (page) page.classList.add("target");
  if (remember) history.replaceState(null, "", `#${anchor}`);
}

// the 目次 entry of the spread at the top of the view
function markCurrent() {
  const view = $("spreads").parentElement;
  const top = view.getBoundingClientRect().top;
  let current = 0;
  for (const s of $("spreads").children) {
    if (s.getBoundingClientRect().bottom > top + 40) break;
    current += 1;
  }
  let best = null;
  for (const a of document.querySelectorAll("#nav a")) {
    const n = pageOf(a.dataset.anchor);
    a.classList.remove("current");
    if (n !== null && spreadOf.get(n) <= current) best = a;
  }
  if (best) best.classList.add("current");
}

// -- findings ------------------------------------------------------------------

function showFindings(data) {
  const box = $("findings");
  const scroll = box.parentElement.scrollTop;
  if (!data.groups.length) {
    box.replaceChildren(el("p", { class: "none-found", text: "指摘はありません。" }));
    return;
  }
  box.replaceChildren(...data.groups.map((g) => {
    const counts = `エラー ${g.counts.error} 件・警告 ${g.counts.warning} 件` +
      (g.counts.info ? `・参考 ${g.counts.info} 件` : "");
    const title = g.page ? el("a", { href: `#${g.anchor}` }, g.heading) : g.heading;
    if (g.page) title.addEventListener("click", (ev) => { ev.preventDefault(); jump(g.anchor); });
    return el("section", { class: "group", id: `group-${g.key}` },
      el("h3", {}, title, el("span", { class: "n", text: counts })),
      ...g.findings.map(finding));
  }));
  box.parentElement.scrollTop = scroll;
  showLoadErrors(data);
}

function finding(f) {
  let excerpt = null;
  if (f.excerpt) {
    const [before, part, after] = f.excerpt;
    excerpt = el("div", { class: "excerpt" }, before, el("mark", { text: part }), after);
  }
  return el("div", { class: "finding" },
    el("span", { class: "where", text: f.where }),
    el("span", { class: `sev ${f.severity}`, text: f.severity_word }),
    el("span", { class: "check", text: f.check }), " ", el("code", { text: `[${f.code}]` }),
    el("div", { class: "message", text: f.message }), excerpt);
}

document.addEventListener("DOMContentLoaded", () => {
  let pending = false;
  $("spreads").parentElement.addEventListener("scroll", () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; markCurrent(); });
  });
  poll();
});
