import { startExplorer } from "./app.js";
import "./styles.css";

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

startExplorer({
  controls: element("controls"),
  main: element("results"),
  notices: element("notices"),
  link: element<HTMLAnchorElement>("view-link"),
});
