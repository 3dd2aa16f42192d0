// Search with Pagefind, loaded only when the visitor searches: the bundle of this page's
// language, whose address and interface texts the search form carries (search.html).
const form = document.getElementById("cluster-search");
const input = document.getElementById("cluster-search-input");
const status = document.getElementById("cluster-search-status");
const list = document.getElementById("cluster-search-results");
const elsewhere = document.getElementById("cluster-search-elsewhere");
const elsewhereLinks = elsewhere ? [...elsewhere.querySelectorAll("a")].map((a) => [a, new URL(a.getAttribute("href"), location.href)]) : [];
const root = new URL(form.dataset.root, location.href);
const text = { count: form.dataset.textCount, none: form.dataset.textNone, loading: form.dataset.textLoading };
let pagefind = null;

async function search(query) {
  if (!pagefind) {
    pagefind = await import(new URL(form.dataset.bundle, root).href);
    await pagefind.options({ baseUrl: root.pathname });
  }
  const found = await pagefind.debouncedSearch(query, {}, 150);
  if (found === null) return;  // a newer query is on its way
  const loaded = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  const terms = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  const results = loaded.filter((r) => isAbout(r, terms));
  // A word the index lacks is answered by a shorter one it starts with, on every page that has it.
  const count = results.length ? found.results.length - (loaded.length - results.length) : 0;
  list.replaceChildren(...results.map((r) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = r.url;
    link.textContent = r.meta.title || r.url;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = r.excerpt;  // Pagefind escapes the text and marks the hits
    item.append(link, excerpt);
    return item;
  }));
  const template = count ? text.count : text.none;
  status.textContent = template.replace("{count}", count).replace("{query}", query);
  offerElsewhere(count ? "" : query);
}

// Pagefind answers a word its index lacks with the pages of a shorter word it begins with
// ("Wasserstoff" on the English site finds "was"). A result counts if a word it marks is a
// query word, the start of one being typed, or another form of it (a longer common start).
function isAbout(result, terms) {
  const marked = [...result.excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1].toLowerCase());
  return !marked.length || terms.some((term) => marked.some((word) => sharedStart(word, term) >= Math.min(term.length, Math.max(3, term.length - 3))));
}

function sharedStart(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

// Nothing found here: the same words on the search page of each other language.
function offerElsewhere(query) {
  for (const [link, page] of elsewhereLinks) {
    page.search = new URLSearchParams({ q: query }).toString();
    link.href = page.href;
  }
  if (elsewhere) elsewhere.hidden = !query;
}

function run() {
  const query = input.value.trim();
  if (!query) { list.replaceChildren(); status.textContent = ""; offerElsewhere(""); return; }
  status.textContent = text.loading;
  search(query);
}

form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
input.addEventListener("input", run);
const initial = new URLSearchParams(location.search).get("q");
if (initial) { input.value = initial; run(); }
