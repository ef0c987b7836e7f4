// Entry point of the lab page.
export {};
