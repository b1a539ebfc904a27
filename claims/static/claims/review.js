/*
 * The review page of a document: walk the marked mentions by keyboard, accept, reject, fix.
 *
 * The server renders the article with every mention marked and embeds the review state as
 * JSON (#review-state). Every action POSTs a small JSON body to an admin endpoint (CSRF token
 * from the page) and gets the document's whole state back; the page redraws from it and keeps
 * the selected item. No inline handlers: this file is loaded under a Content-Security-Policy
 * that allows only this origin's scripts.
 */
(function () {
  "use strict";

  const root = document.getElementById("review");
  if (!root) return;
  const urls = {};
  for (const [key, value] of Object.entries(root.dataset)) {
    if (key.startsWith("url")) urls[key.slice(3).toLowerCase()] = value;
  }
  const canChange = root.dataset.canChange === "1";
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const $ = (id) => document.getElementById(id);

  let state = JSON.parse($("review-state").textContent);
  let index = -1; // the selected item
  let busy = false;
  // Requests in flight, on the root element (`data-pending`): tests and the curious can wait for 0.
  let pending = 0;
  function track(delta) {
    pending += delta;
    root.dataset.pending = String(pending);
  }

  // --- drawing -----------------------------------------------------------------------------

  function marksOf(item) {
    return root.querySelectorAll(`mark[data-mark="${item.mark}"]`);
  }

  function drawMarks() {
    for (const el of $("article").querySelectorAll("mark[data-mark]")) {
      const markState = state.marks[el.dataset.mark] || "none";
      el.className = `m state-${markState}`;
      el.removeAttribute("aria-current");
    }
    const item = state.items[index];
    if (item) {
      for (const el of marksOf(item)) {
        el.classList.add("selected");
        el.setAttribute("aria-current", "true");
      }
    }
  }

  function drawCounter() {
    $("counter").textContent = `${state.reviewed} of ${state.total} reviewed`;
    $("progress").max = Math.max(state.total, 1);
    $("progress").value = state.reviewed;
  }

  function text(id, value) {
    $(id).textContent = value === null || value === undefined || value === "" ? "—" : value;
  }

  function drawPanel() {
    const item = state.items[index];
    $("panel-empty").hidden = !!item;
    $("panel-item").hidden = !item;
    if (!item) {
      $("panel-empty").textContent = state.items.length
        ? "Press j to select the first mention."
        : "No mentions in this document.";
      return;
    }
    const claim = item.claim;
    const mention = item.mention;
    const badge = $("p-state");
    badge.textContent = item.state === "none" ? "no claim" : item.state;
    badge.className = `badge state-${item.state}`;
    $("p-title").textContent = claim ? `claim ${claim.id} · v${claim.version}` : `mention · ${mention.kind}`;
    $("p-position").textContent = `${index + 1} / ${state.items.length}`;
    $("p-quote").textContent = mention ? mention.text : "";
    const source = claim || mention;
    text("p-value", source.value);
    text("p-interval", source.interval);
    text("p-rule", [source.modifier, source.rule].filter(Boolean).join(" · "));
    $("subject-input").value = claim && claim.subject ? claim.subject.label : "";
    $("property-input").value = claim && claim.property ? claim.property.label : "";
    $("subject-input").disabled = !claim || !canChange;
    $("property-input").disabled = !canChange;
    const quals = $("p-qualifiers");
    quals.textContent = "";
    if (claim && claim.property && claim.property.qualifier_keys.length) {
      quals.textContent = claim.qualifiers_text || `none set (allowed: ${claim.property.qualifier_keys.join(", ")}; e to set)`;
    } else {
      quals.textContent = "—";
    }
    const fact = $("p-fact");
    fact.textContent = "";
    if (claim && claim.fact) {
      const link = document.createElement("a");
      link.href = claim.fact.url;
      link.textContent = claim.fact.name;
      const verdict = document.createElement("span");
      verdict.className = `verdict verdict-${claim.fact.verdict.replace(/ /g, "-")}`;
      verdict.textContent = claim.fact.verdict;
      fact.append(link, " — ", verdict, ` (${claim.fact.claims} accepted)`);
    } else {
      fact.textContent = claim ? "none until subject and property are set" : "—";
    }
    text("p-cue", claim ? [claim.origin, claim.cue && `cue “${claim.cue}”`, `confidence ${claim.confidence}`].filter(Boolean).join(" · ") : "no property was found for this mention; p makes a claim");
    $("p-open").href = claim ? claim.url : "#";
    for (const button of root.querySelectorAll(".actions button")) {
      button.disabled = !canChange || !claim;
    }
    root.querySelector('[data-action="new-entity"]').disabled = !canChange || !claim;
    closeEditor();
  }

  function draw() {
    drawMarks();
    drawCounter();
    drawPanel();
  }

  function message(text, isError) {
    const el = $("p-message");
    el.textContent = text || "";
    el.classList.toggle("error", !!isError);
  }

  // --- selection -----------------------------------------------------------------------------

  function select(newIndex, scroll) {
    if (!state.items.length) return;
    index = Math.max(0, Math.min(newIndex, state.items.length - 1));
    const item = state.items[index];
    history.replaceState(null, "", `#${item.key}`);
    message("");
    draw();
    if (scroll !== false) {
      const first = marksOf(item)[0];
      if (first) first.scrollIntoView({ block: "center", behavior: "instant" });
    }
  }

  function indexOfKey(key) {
    return state.items.findIndex((item) => item.key === key);
  }

  function nextProposed(from) {
    const n = state.items.length;
    for (let step = 1; step <= n; step++) {
      const i = (from + step) % n;
      if (state.items[i].state === "proposed") return i;
    }
    return -1;
  }

  function adopt(newState, keepKey) {
    state = newState;
    let i = keepKey ? indexOfKey(keepKey) : -1;
    if (i < 0) i = Math.min(Math.max(index, 0), state.items.length - 1);
    index = i;
  }

  // --- requests ------------------------------------------------------------------------------

  async function post(url, body) {
    track(1);
    try {
      return await send(url, body);
    } finally {
      track(-1);
    }
  }

  async function send(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: JSON.stringify(body),
    });
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = { error: response.status === 403 ? "You may not change claims." : `The server answered ${response.status}.` };
    }
    return { ok: response.ok, status: response.status, data };
  }

  function claimUrl(template, id) {
    // The URL templates hold a 0 where the claim's or mention's id goes (…/claims/0/status/).
    const at = template.lastIndexOf("/0/");
    return `${template.slice(0, at)}/${id}/${template.slice(at + 3)}`;
  }

  async function act(url, body, options) {
    if (busy) return false;
    busy = true;
    const item = state.items[index];
    const key = item ? item.key : null;
    try {
      const { ok, data } = await post(url, body);
      if (!ok) {
        if (data.state) adopt(data.state, key);
        draw();
        message(data.error || "Refused.", true);
        return false;
      }
      adopt(data, (options && options.select) || data.selected || key);
      if (options && options.advance && state.items[index] && state.items[index].state !== "proposed") {
        const next = nextProposed(index);
        if (next >= 0) {
          select(next);
        } else {
          draw();
          message("Every proposal here is reviewed — press n for the next document.");
        }
      } else {
        draw();
      }
      return true;
    } finally {
      busy = false;
    }
  }

  function currentClaim() {
    const item = state.items[index];
    return item ? item.claim : null;
  }

  // `a` on a claim without a subject or property opens the missing picker first and accepts
  // once it is chosen: the curator's intent was to accept, so it costs no extra key.
  let acceptAfterPick = null;

  function missingField(claim) {
    if (!claim.subject) return "subject";
    if (!claim.property) return "property";
    return null;
  }

  function setStatus(status) {
    const claim = currentClaim();
    if (!claim || !canChange) return;
    const missing = status === "accepted" ? missingField(claim) : null;
    if (missing) {
      acceptAfterPick = claim.id;
      message(`Pick the ${missing} (Enter), and the claim is accepted. Esc cancels.`);
      pickers[missing].open();
      return;
    }
    act(claimUrl(urls.status, claim.id), { status, version: claim.version }, { advance: status !== "proposed" });
  }

  async function afterPick(ok) {
    const claim = currentClaim();
    if (!ok || !claim || acceptAfterPick !== claim.id) {
      acceptAfterPick = null;
      return;
    }
    const missing = missingField(claim);
    if (missing) {
      message(`Now the ${missing} (Enter), and the claim is accepted.`);
      pickers[missing].open();
      return;
    }
    acceptAfterPick = null;
    await act(claimUrl(urls.status, claim.id), { status: "accepted", version: claim.version }, { advance: true });
  }

  // --- pickers -------------------------------------------------------------------------------

  const pickers = {};

  function makePicker(name, lookupUrl, onChoose) {
    const box = root.querySelector(`.picker[data-picker="${name}"]`);
    const input = box.querySelector("input");
    const list = box.querySelector("ul");
    let choices = [];
    let active = 0;
    let timer = null;
    let serial = 0;

    function render() {
      list.textContent = "";
      choices.forEach((choice, i) => {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        li.dataset.index = String(i);
        if (i === active) {
          li.classList.add("active");
          li.setAttribute("aria-selected", "true");
        }
        const label = document.createElement("span");
        label.dir = "auto";
        label.textContent = choice.label;
        const hint = document.createElement("small");
        hint.dir = "auto";
        hint.textContent = choice.hint || "";
        li.append(label, " ", hint);
        list.append(li);
      });
      list.hidden = choices.length === 0;
    }

    async function search() {
      const query = input.value.trim();
      const mine = ++serial;
      const params = new URLSearchParams({ q: query });
      const extra = picker.params ? picker.params() : {};
      for (const [k, v] of Object.entries(extra)) params.set(k, v);
      track(1);
      let data;
      try {
        const response = await fetch(`${lookupUrl}?${params}`, { credentials: "same-origin" });
        data = response.ok ? await response.json() : { results: [] };
      } finally {
        track(-1);
      }
      if (mine !== serial) return; // an older answer arriving late
      choices = data.results;
      if (picker.extraChoices) choices = [...choices, ...picker.extraChoices(query, choices)];
      active = 0;
      render();
    }

    function close() {
      choices = [];
      render();
    }

    function choose(i) {
      const choice = choices[i];
      if (!choice) return;
      close();
      input.blur();
      onChoose(choice, input.value.trim());
    }

    // Typing waits 120 ms for the next key before searching; the wait counts as pending.
    let waiting = false;
    let lastSearch = Promise.resolve();
    function cancelWait() {
      if (waiting) {
        clearTimeout(timer);
        waiting = false;
        track(-1);
      }
    }
    function searchNow() {
      cancelWait();
      lastSearch = search();
      return lastSearch;
    }
    input.addEventListener("input", () => {
      cancelWait();
      waiting = true;
      track(1);
      timer = setTimeout(() => {
        waiting = false;
        track(-1);
        lastSearch = search();
      }, 120);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") {
        active = Math.min(active + 1, choices.length - 1);
        render();
        event.preventDefault();
      } else if (event.key === "ArrowUp") {
        active = Math.max(active - 1, 0);
        render();
        event.preventDefault();
      } else if (event.key === "Enter") {
        event.preventDefault();
        // Choose among the answers to what is typed now, not to an earlier prefix.
        (waiting ? searchNow() : lastSearch).then(() => choose(active));
      } else if (event.key === "Escape") {
        event.preventDefault();
        acceptAfterPick = null;
        close();
        input.blur();
        drawPanel();
      }
    });
    list.addEventListener("mousedown", (event) => {
      const li = event.target.closest("li[data-index]");
      if (li) {
        event.preventDefault();
        choose(Number(li.dataset.index));
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));

    const picker = {
      open() {
        if (input.disabled) return;
        input.focus();
        input.select();
        searchNow();
      },
      input,
    };
    pickers[name] = picker;
    return picker;
  }

  const subjectPicker = makePicker("subject", urls.entities, (choice, typed) => {
    const claim = currentClaim();
    if (!claim) return;
    if (choice.create) {
      createEntity(typed, choice.kind);
    } else {
      act(claimUrl(urls.edit, claim.id), { version: claim.version, subject: choice.id }).then(afterPick);
    }
  });
  // Typed words no entity answers to can become one: as an event, an organization, or the kind
  // chosen beside the field.
  subjectPicker.extraChoices = (query, choices) => {
    if (!query || choices.some((c) => c.label === query)) return [];
    const kinds = [...new Set(["event", "organization", $("entity-kind").value])];
    return kinds.map((kind) => ({ create: true, kind, label: `+ new ${kind} “${query}”`, hint: "new entity" }));
  };

  const propertyPicker = makePicker("property", urls.properties, (choice) => {
    const item = state.items[index];
    if (!item) return;
    if (item.claim) {
      act(claimUrl(urls.edit, item.claim.id), { version: item.claim.version, property: choice.id }).then(afterPick);
    } else if (item.mention) {
      act(claimUrl(urls.create, item.mention.id), { property: choice.id });
    }
  });
  propertyPicker.params = () => {
    const item = state.items[index];
    if (!item) return {};
    const dated = item.claim ? item.claim.value_type === "date" : item.mention && item.mention.kind === "date";
    return { type: dated ? "date" : "quantity" };
  };

  function selectedWords() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed) return "";
    const article = $("article");
    if (!article.contains(selection.anchorNode) || !article.contains(selection.focusNode)) return "";
    return selection.toString().trim();
  }

  function createEntity(name, kind) {
    const claim = currentClaim();
    if (!claim) return;
    const words = (name || selectedWords() || subjectPicker.input.value || "").trim();
    if (!words) {
      message("Select the words that name the entity in the text (or type them in the subject field), then press w.", true);
      return;
    }
    act(urls.entity, { name: words, kind: kind || $("entity-kind").value, claim: claim.id, version: claim.version }).then(
      afterPick,
    );
  }

  // --- the value editor ------------------------------------------------------------------------

  const form = $("value-form");

  function openEditor() {
    const claim = currentClaim();
    if (!claim || !canChange) return;
    const isDate = claim.value_type === "date";
    form.querySelector(".qty-fields").hidden = isDate;
    form.querySelector(".date-fields").hidden = !isDate;
    form.elements.nominal.value = claim.nominal || "";
    form.elements.modifier.value = claim.modifier || "exact";
    form.elements.lower.value = claim.lower ?? "";
    form.elements.upper.value = claim.upper ?? "";
    form.elements.unit.value = claim.unit || "";
    form.elements.date_lower.value = claim.date_lower || "";
    form.elements.date_upper.value = claim.date_upper || "";
    form.elements.as_of.value = claim.as_of || "";
    const box = $("qualifier-fields");
    box.textContent = "";
    const keys = claim.property ? claim.property.qualifier_keys : [];
    for (const key of keys) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "text";
      input.dir = "auto";
      input.dataset.qualifier = key;
      input.value = claim.qualifiers[key] ?? "";
      label.append(`${key.replace(/_/g, " ")} `, input);
      box.append(label);
    }
    form.hidden = false;
    (isDate ? form.elements.date_lower : form.elements.nominal).focus();
  }

  function closeEditor() {
    form.hidden = true;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const claim = currentClaim();
    if (!claim) return;
    const body = { version: claim.version };
    const isDate = claim.value_type === "date";
    const fields = isDate ? ["date_lower", "date_upper", "as_of"] : ["nominal", "modifier", "lower", "upper", "unit", "as_of"];
    const current = { ...claim, as_of: claim.as_of || "" };
    for (const name of fields) {
      const value = form.elements[name].value.trim();
      const before = current[name] === null || current[name] === undefined ? "" : String(current[name]);
      if (value !== before) body[name] = value === "" ? null : value;
    }
    const qualifiers = {};
    let qualifiersChanged = false;
    for (const input of form.querySelectorAll("[data-qualifier]")) {
      qualifiers[input.dataset.qualifier] = input.value;
      if (String(claim.qualifiers[input.dataset.qualifier] ?? "") !== input.value.trim()) qualifiersChanged = true;
    }
    if (qualifiersChanged) body.qualifiers = qualifiers;
    closeEditor();
    if (Object.keys(body).length > 1) act(claimUrl(urls.edit, claim.id), body);
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      closeEditor();
      document.activeElement.blur();
    }
  });

  // --- keys and clicks -------------------------------------------------------------------------

  function toggleHelp(show) {
    const help = $("help");
    help.hidden = show === undefined ? !help.hidden : !show;
  }

  const actions = {
    accept: () => setStatus("accepted"),
    reject: () => setStatus("rejected"),
    unreview: () => setStatus("proposed"),
    edit: openEditor,
    "cancel-edit": closeEditor,
    "new-entity": () => createEntity(""),
    help: () => toggleHelp(),
  };

  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (button && actions[button.dataset.action]) {
      event.preventDefault();
      actions[button.dataset.action]();
      return;
    }
    const mark = event.target.closest("mark[data-mark]");
    if (mark && mark.closest("#article")) {
      const items = state.items.map((item, i) => [item, i]).filter(([item]) => String(item.mark) === mark.dataset.mark);
      if (!items.length) return;
      const current = items.findIndex(([, i]) => i === index);
      select(items[(current + 1) % items.length][1], false);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select")) return;
    if (!$("help").hidden && (event.key === "Escape" || event.key === "?")) {
      toggleHelp(false);
      event.preventDefault();
      return;
    }
    const keyActions = {
      j: () => select(index + 1),
      k: () => select(index - 1),
      a: () => setStatus("accepted"),
      r: () => setStatus("rejected"),
      u: () => setStatus("proposed"),
      e: openEditor,
      s: () => subjectPicker.open(),
      p: () => propertyPicker.open(),
      w: () => createEntity(""),
      o: () => {
        const claim = currentClaim();
        if (claim) window.location.href = claim.url;
      },
      n: () => {
        window.location.href = urls.next;
      },
      "?": () => toggleHelp(),
      Escape: () => toggleHelp(false),
    };
    const run = keyActions[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  });

  // --- start ------------------------------------------------------------------------------------

  const fromHash = window.location.hash ? indexOfKey(window.location.hash.slice(1)) : -1;
  const firstProposed = state.items.findIndex((item) => item.state === "proposed");
  const start = fromHash >= 0 ? fromHash : firstProposed >= 0 ? firstProposed : 0;
  if (state.items.length) {
    select(start);
  } else {
    draw();
  }
  root.dataset.pending = "0";
  root.dataset.ready = "1";
})();
