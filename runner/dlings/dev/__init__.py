"""Tools for the curriculum's authors: `dlings dev check` (dlings.dev.check) proves the curriculum,
`dlings dev new` (dlings.dev.new) scaffolds an exercise."""
