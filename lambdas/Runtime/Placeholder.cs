namespace Lambdas.Runtime; public static class Placeholder { }
