namespace Survey.Analysis; public static class Placeholder {}
