"use strict";
// The English / Persian switch of every page: remembered across pages (localStorage), Persian right to left.
(function () {
  const KEY = "kg-lang";
  const get = () => { try { return localStorage.getItem(KEY) === "fa" ? "fa" : "en"; } catch (e) { return "en"; } };
  const apply = (lang) => {
    const root = document.documentElement;
    root.lang = lang;
    root.dir = lang === "fa" ? "rtl" : "ltr";
    const button = document.getElementById("kg-lang");
    if (button) {
      button.textContent = lang === "fa" ? "English" : "فارسی";
      button.setAttribute("lang", lang === "fa" ? "en" : "fa");
      button.setAttribute("aria-label", lang === "fa" ? "Show the page in English" : "نمایش صفحه به فارسی");
    }
    document.dispatchEvent(new CustomEvent("kg-lang", { detail: lang }));
  };
  const set = (lang) => { try { localStorage.setItem(KEY, lang); } catch (e) { /* storage off: this page only */ } apply(lang); };
  window.kgLang = { get, set };
  const button = document.getElementById("kg-lang");
  if (button) button.addEventListener("click", () => set(get() === "fa" ? "en" : "fa"));
  apply(get());
})();
