// Search page over the service's JSON API (GET /v1/search, /v1/suggest, /v1/watch and
// /v1/articles/{id}/related). Every search is a plain URL (/?q=OTAN&page=2&source=…), so it can
// be shared and reloaded; page tokens are kept per search in sessionStorage and re-walked from
// page 1 when a URL is opened cold.
"use strict";

const PAGE_SIZE = 10;
const RELATED_SIZE = 5;
const FACET_LABELS = { source: "Fonte", tag: "Tema" };
const FACET_PARAMS = { source: "source", tag: "tag" };
const $ = (id) => document.getElementById(id);
const numbers = new Intl.NumberFormat("pt-BR");
const dates = new Intl.DateTimeFormat("pt-BR", { dateStyle: "long", timeZone: "America/Sao_Paulo" });

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: (p.get("q") || "").trim(),
    page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1),
    sort: p.get("sort") || "",
    after: p.get("after") || "",
    before: p.get("before") || "",
    source: p.getAll("source"),
    tag: p.getAll("tag"),
  };
}

function urlFor(state) {
  const p = new URLSearchParams();
  p.set("q", state.q);
  if (state.page > 1) p.set("page", String(state.page));
  for (const key of ["sort", "after", "before"]) if (state[key]) p.set(key, state[key]);
  for (const v of state.source) p.append("source", v);
  for (const v of state.tag) p.append("tag", v);
  return "/?" + p.toString();
}

function apiQuery(state, token) {
  const p = new URLSearchParams({ query: state.q, page_size: String(PAGE_SIZE) });
  if (token) p.set("page_token", token);
  if (state.sort) p.set("sort", state.sort);
  // Dates are days in Brasília time; "até" includes the whole day.
  if (state.after) p.set("published_after", `${state.after}T00:00:00-03:00`);
  if (state.before) {
    const end = new Date(`${state.before}T00:00:00-03:00`);
    end.setUTCDate(end.getUTCDate() + 1);
    p.set("published_before", end.toISOString());
  }
  for (const v of state.source) p.append("sources", v);
  for (const v of state.tag) p.append("tags", v);
  return "/v1/search?" + p.toString();
}

// The same query and filters as a standing query (GET /v1/watch), without paging or order.
function watchQuery(state) {
  const search = new URLSearchParams(apiQuery(state).split("?")[1]);
  for (const key of ["page_size", "page_token", "sort"]) search.delete(key);
  return "/v1/watch?" + search.toString();
}

// Keeps the current query open while the page is shown and offers "N novos artigos": the
// stream sends one JSON object per event (heartbeat, hit, gap), read as they arrive.
async function watchForNew(state) {
  const banner = $("new-articles"), button = $("new-articles-button");
  let fresh = 0;
  const show = () => {
    banner.hidden = fresh === 0;
    button.textContent = `${numbers.format(fresh)} ${fresh === 1 ? "novo artigo" : "novos artigos"} para “${state.q}”: atualizar`;
  };
  button.addEventListener("click", () => location.reload());
  try {
    const response = await fetch(watchQuery(state), { headers: { Accept: "application/json" } });
    if (!response.ok || !response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "", depth = 0, inString = false, escaped = false, start = -1;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const c of value) {
        buffer += c;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === "\\") escaped = true;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === "{" && depth++ === 0) start = buffer.length - 1;
        else if (c === "}" && --depth === 0) {
          const event = JSON.parse(buffer.slice(start));
          buffer = "";
          if (event.hit) fresh += 1;
          else if (event.gap) fresh += Number(event.gap.missedCount || 0);
          show();
        }
      }
    }
  } catch {
    // No live updates (the server limits standing queries, or the connection dropped): the page still works.
  }
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = body.message || response.statusText;
    throw new Error(detail);
  }
  return body;
}

// The token of page `page`, walking (and remembering) the pages before it when needed.
async function tokenFor(state) {
  const key = "tokens:" + JSON.stringify({ ...state, page: 0 });
  const tokens = JSON.parse(sessionStorage.getItem(key) || '[""]');
  while (tokens.length < state.page) {
    const previous = tokens.length - 1;
    const body = await getJson(apiQuery(state, tokens[previous]));
    if (!body.nextPageToken) return null;
    tokens.push(body.nextPageToken);
  }
  sessionStorage.setItem(key, JSON.stringify(tokens));
  return { tokens, key };
}

function remember(key, tokens, page, next) {
  if (next && tokens.length === page) {
    tokens.push(next);
    sessionStorage.setItem(key, JSON.stringify(tokens));
  }
}

// Highlighted text from the API: HTML-escaped text with <em> marks. Built as DOM nodes, never
// assigned as HTML, so nothing in an article or a query can inject markup.
function highlighted(parent, text) {
  const decode = (s) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e]);
  let target = parent;
  for (const part of text.split(/(<\/?em>)/)) {
    if (part === "<em>") {
      target = parent.appendChild(document.createElement("em"));
    } else if (part === "</em>") {
      target = parent;
    } else if (part) {
      target.appendChild(document.createTextNode(decode(part)));
    }
  }
  return parent;
}

const articleHref = (hit) => hit.url || `/v1/articles/${encodeURIComponent(hit.id)}`;
const metaText = (hit) => [hit.source, hit.publishedAt ? dates.format(new Date(hit.publishedAt)) : ""].filter(Boolean).join(" · ");

function renderHit(hit) {
  const li = document.createElement("li");
  li.dataset.id = hit.id;
  const h2 = li.appendChild(document.createElement("h2"));
  const link = h2.appendChild(document.createElement("a"));
  link.href = articleHref(hit);
  highlighted(link, hit.titleHighlighted || hit.title || hit.id);
  const meta = metaText(hit);
  if (meta) {
    const p = li.appendChild(document.createElement("p"));
    p.className = "meta";
    p.textContent = meta;
  }
  const snippet = li.appendChild(document.createElement("p"));
  snippet.className = "snippet";
  highlighted(snippet, hit.snippet || "");
  if (hit.copyCount > 0) li.appendChild(renderCopies(hit));
  addRelated(li, hit);
  return li;
}

// "Relacionados": a disclosure button under the hit; the first click loads the articles most
// like it (its own copies left out) and later clicks only show or hide them. "Mais relacionados"
// appends the next page while the service has one.
function addRelated(li, hit) {
  const button = li.appendChild(document.createElement("button"));
  button.type = "button";
  button.className = "related-button";
  button.textContent = "Relacionados";
  button.setAttribute("aria-expanded", "false");
  const panel = li.appendChild(document.createElement("section"));
  panel.className = "related";
  panel.id = `related-${hit.id}`;
  panel.hidden = true;
  panel.setAttribute("aria-live", "polite");
  panel.setAttribute("aria-label", `Artigos relacionados a “${hit.title || hit.id}”`);
  button.setAttribute("aria-controls", panel.id);
  const say = (text) => {
    const p = document.createElement("p");
    p.className = "meta";
    p.textContent = text;
    return p;
  };
  const list = document.createElement("ul");
  const more = document.createElement("button");
  more.type = "button";
  more.className = "related-more";
  more.textContent = "Mais relacionados";
  let next = "";
  let loaded = false;
  const load = async () => {
    const url = `/v1/articles/${encodeURIComponent(hit.id)}/related?page_size=${RELATED_SIZE}`
      + (next ? `&page_token=${encodeURIComponent(next)}` : "");
    const body = await getJson(url);
    const related = body.hits || [];
    next = body.nextPageToken || "";
    list.append(...related.map(renderRelated));
    return related.length;
  };
  button.addEventListener("click", async () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (!open || loaded) return;
    panel.replaceChildren(say("Carregando…"));
    try {
      const count = await load();
      loaded = true;
      if (count === 0) {
        panel.replaceChildren(say("Nenhum artigo relacionado."));
        return;
      }
      panel.replaceChildren(list);
      if (next) panel.append(more);
    } catch (error) {
      panel.replaceChildren(say(`Não foi possível carregar os relacionados: ${error.message}`));
    }
  });
  more.addEventListener("click", async () => {
    more.disabled = true;
    panel.querySelector(".related-error")?.remove();
    try {
      await load();
      if (!next) more.remove();
    } catch (error) {
      const p = say(`Não foi possível carregar mais relacionados: ${error.message}`);
      p.classList.add("related-error");
      panel.append(p);
    } finally {
      more.disabled = false;
    }
  });
}

function renderRelated(hit) {
  const li = document.createElement("li");
  li.dataset.id = hit.id;
  const link = li.appendChild(document.createElement("a"));
  link.href = articleHref(hit);
  link.textContent = hit.title || hit.id;
  const meta = metaText(hit);
  if (meta) {
    const span = li.appendChild(document.createElement("span"));
    span.className = "meta";
    span.textContent = ` · ${meta}`;
  }
  return li;
}

// The same story elsewhere: near-duplicates the service collapsed into this hit.
function renderCopies(hit) {
  const p = document.createElement("p");
  p.className = "copies";
  p.append(`Também em ${hit.copyCount} ${hit.copyCount === 1 ? "outra publicação" : "outras publicações"}: `);
  (hit.copies || []).forEach((copy, i) => {
    if (i > 0) p.append(", ");
    const a = p.appendChild(document.createElement("a"));
    a.href = articleHref(copy);
    a.textContent = copy.source || copy.id;
  });
  return p;
}

function renderFacets(state, facets) {
  const aside = $("facets");
  aside.replaceChildren();
  for (const facet of facets || []) {
    const param = FACET_PARAMS[facet.field];
    if (!param || !facet.values || facet.values.length === 0) continue;
    const fieldset = aside.appendChild(document.createElement("fieldset"));
    fieldset.appendChild(document.createElement("legend")).textContent = FACET_LABELS[facet.field];
    for (const value of facet.values) {
      const label = fieldset.appendChild(document.createElement("label"));
      const box = label.appendChild(document.createElement("input"));
      box.type = "checkbox";
      box.checked = state[param].includes(value.value);
      box.addEventListener("change", () => {
        const chosen = box.checked ? [...state[param], value.value] : state[param].filter((v) => v !== value.value);
        location.assign(urlFor({ ...state, [param]: chosen, page: 1 }));
      });
      label.appendChild(document.createTextNode(` ${value.value} (${numbers.format(Number(value.count))})`));
    }
  }
}

function renderPager(state, hasNext) {
  const pager = $("pager");
  pager.hidden = state.page === 1 && !hasNext;
  const previous = $("previous"), next = $("next");
  previous.href = urlFor({ ...state, page: Math.max(1, state.page - 1) });
  previous.setAttribute("aria-disabled", String(state.page === 1));
  next.href = urlFor({ ...state, page: state.page + 1 });
  next.setAttribute("aria-disabled", String(!hasNext));
  $("page-number").textContent = `Página ${state.page}`;
}

async function search(state) {
  const status = $("status");
  status.textContent = "Pesquisando…";
  try {
    const walk = await tokenFor(state);
    if (walk === null) {
      status.textContent = "Esta página não existe mais; volte à primeira.";
      return;
    }
    const body = await getJson(apiQuery(state, walk.tokens[state.page - 1]));
    remember(walk.key, walk.tokens, state.page, body.nextPageToken);
    const total = Number(body.totalHits || 0);
    const hits = body.hits || [];
    // Past Query:ExactTotalHits the count is a lower bound (top-k pruning): say "mais de".
    const atLeast = body.totalHitsRelation === "TOTAL_HITS_RELATION_GREATER_THAN_OR_EQUAL_TO" ? "mais de " : "";
    status.textContent = total === 0
      ? `Nenhum resultado para “${state.q}”.`
      : `${atLeast}${numbers.format(total)} ${total === 1 ? "resultado" : "resultados"} para “${state.q}”.`;
    $("results").replaceChildren(...hits.map(renderHit));
    $("results").start = (state.page - 1) * PAGE_SIZE + 1;
    renderFacets(state, body.facets);
    renderPager(state, Boolean(body.nextPageToken));
    if (state.page === 1) watchForNew(state);
    if (body.spellingSuggestion) {
      $("spelling").hidden = false;
      $("spelling-link").textContent = body.spellingSuggestion;
      $("spelling-link").href = urlFor({ ...state, q: body.spellingSuggestion, page: 1 });
    }
  } catch (error) {
    status.textContent = `Não foi possível pesquisar: ${error.message}`;
  }
}

// Autocomplete: a listbox under the box (ARIA combobox pattern); arrows move, Enter picks, Esc closes.
function setUpSuggestions() {
  const input = $("q"), list = $("suggestions");
  let timer = 0, active = -1, latest = 0;
  const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; };
  const choose = (text) => { input.value = text; close(); $("search-form").requestSubmit(); };
  const mark = (index) => {
    const items = [...list.children];
    if (items.length === 0) return;
    active = (index + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", items[active].id);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const prefix = input.value;
    if (prefix.trim().length < 2) { close(); return; }
    timer = setTimeout(async () => {
      const request = ++latest;
      try {
        const body = await getJson("/v1/suggest?" + new URLSearchParams({ prefix, limit: "8" }));
        if (request !== latest) return;
        const items = (body.suggestions || []).map((s, i) => {
          const li = document.createElement("li");
          li.id = `suggestion-${i}`;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          li.textContent = s.text;
          li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(s.text); });
          return li;
        });
        list.replaceChildren(...items);
        list.hidden = items.length === 0;
        input.setAttribute("aria-expanded", String(items.length > 0));
        active = -1;
      } catch {
        close();
      }
    }, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); mark(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); mark(active - 1); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(list.children[active].textContent); }
  });
  input.addEventListener("blur", close);
}

function main() {
  const state = readState();
  $("q").value = state.q;
  $("sort").value = state.sort;
  $("after").value = state.after;
  $("before").value = state.before;
  setUpSuggestions();
  // A new query starts from page 1 without the previous query's source and tag filters.
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = $("q").value.trim();
    if (!q) return;
    location.assign(urlFor({ q, page: 1, sort: $("sort").value, after: $("after").value, before: $("before").value, source: [], tag: [] }));
  });
  if (state.q) {
    document.title = `${state.q} · Seed Search`;
    search(state);
  } else {
    $("q").focus();
  }
}

main();
